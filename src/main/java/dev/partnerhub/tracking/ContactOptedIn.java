package dev.partnerhub.tracking;

/**
 * A visitor opted in through {@code /join} for a program (the contact was created, or
 * existed), published in the opt-in's transaction. Lead sequences enrol him.
 */
public record ContactOptedIn(long contactId, long programId) {
}
