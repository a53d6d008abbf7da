package dev.partnerhub.contacts;

import java.time.Instant;
import java.util.Optional;

/** What other modules may do with contacts. */
public interface ContactApi {

	Optional<ContactSummary> findById(long id);

	Optional<ContactSummary> findByEmail(String email);

	/** Creates a contact; a duplicate e-mail (case-insensitive) is a ConflictException on field {@code email}. */
	ContactSummary create(String email, String firstName, String lastName);

	/** Creates the contact or updates the names of the existing one with that e-mail (blank names keep the old). */
	ContactSummary upsert(String email, String firstName, String lastName);

	/** A referral arriving with the contact: the first referrer is set once, the last referrer every time. */
	ContactSummary recordReferral(long contactId, long partnerId, Instant at);

	/**
	 * As {@link #recordReferral(long, long, Instant)}, keeping the referral (click token or partner code) that named
	 * the partner, so the contact's attribution trail can show which click, tool and SubID it was.
	 */
	ContactSummary recordReferral(long contactId, long partnerId, Instant at, String referral);

	/** How the first and last referrer came about, in words; for the console's Referral info tab only. */
	ReferralTrail referralTrail(long contactId);

	/** Manual change from the console; {@code null} clears it. */
	ContactSummary setFirstReferrer(long contactId, Long partnerId);

	/** Manual change from the console; {@code null} clears it. */
	ContactSummary setLastReferrer(long contactId, Long partnerId);

	long count();

}
