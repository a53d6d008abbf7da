package dev.partnerhub.contacts;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A contact as other modules see it. Referrers are partner ids (the partners module owns
 * what they mean).
 */
public record ContactSummary(long id, String email, String firstName, String lastName, Instant dateAdded,
		@Nullable Long firstReferrerId, @Nullable Instant firstReferredAt, @Nullable Long lastReferrerId,
		@Nullable Instant lastReferredAt) {

	public String name() {
		return (this.firstName + " " + this.lastName).trim();
	}

}
