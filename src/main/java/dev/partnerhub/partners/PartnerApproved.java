package dev.partnerhub.partners;

/**
 * A partner became approved: created approved, or changed from pending/suspended to
 * approved. Published in the changing transaction (listeners that write, e.g. sequence
 * enrolment, commit or roll back with it).
 */
public record PartnerApproved(long partnerId, long programId) {
}
