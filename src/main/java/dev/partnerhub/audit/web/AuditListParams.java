package dev.partnerhub.audit.web;

import org.jspecify.annotations.Nullable;

/**
 * The audit list's filter parameters as sent
 * ({@code ?actor=&action=&subjectType=&subjectId=&from=&to=}); {@link AuditController}
 * drops the values that make no sense, each with a message.
 */
record AuditListParams(@Nullable String actor, @Nullable String action, @Nullable String subjectType,
		@Nullable String subjectId, @Nullable String from, @Nullable String to) {

}
