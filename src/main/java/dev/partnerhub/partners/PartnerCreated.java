package dev.partnerhub.partners;

/**
 * A partner was created (console, API, contact page or public sign-up), published in the
 * creating transaction. {@code selfSignup} is true for the public sign-up form.
 */
public record PartnerCreated(long partnerId, long contactId, long programId, PartnerStatus status, boolean selfSignup) {
}
