package dev.partnerhub.contacts.web;

import java.time.Instant;

import dev.partnerhub.contacts.ContactSummary;
import org.jspecify.annotations.Nullable;

/** A contact in the JSON API: referrers as partner codes, timestamps ISO-8601. */
record ContactResource(long id, String email, String firstName, String lastName, Instant dateAdded,
		@Nullable String firstReferrer, @Nullable Instant firstReferredAt, @Nullable String lastReferrer,
		@Nullable Instant lastReferredAt) {

	static ContactResource of(ContactSummary c, ReferrerCodes codes) {
		return new ContactResource(c.id(), c.email(), c.firstName(), c.lastName(), c.dateAdded(),
				codes.of(c.firstReferrerId()), c.firstReferredAt(), codes.of(c.lastReferrerId()), c.lastReferredAt());
	}

}
