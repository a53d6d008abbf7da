package dev.partnerhub.audit.web;

/**
 * The audit list's filter parameters as sent
 * ({@code ?actor=&action=&subjectType=&subjectId=&from=&to=}); {@link AuditController}
 * drops the values that make no sense, each with a message.
 */
record AuditListParams(String actor, String action, String subjectType, String subjectId, String from, String to) {

}
