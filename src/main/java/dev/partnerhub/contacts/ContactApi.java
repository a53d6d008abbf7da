package dev.partnerhub.contacts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/** What other modules may do with contacts. */
public interface ContactApi {

	Optional<ContactSummary> findById(long id);

	Optional<ContactSummary> findByEmail(String email);

	/**
	 * Creates a contact; a duplicate e-mail (case-insensitive) is a ConflictException on
	 * field {@code email}.
	 */
	ContactSummary create(String email, String firstName, String lastName);

	/**
	 * Creates the contact or updates the names of the existing one with that e-mail
	 * (blank names keep the old).
	 */
	ContactSummary upsert(String email, String firstName, String lastName);

	/**
	 * {@link #upsert} and {@link #recordReferral(long, long, Instant, String)} in one
	 * statement, for the order path: the contact is created or updated by e-mail and,
	 * when {@code referrer} is given and is not the contact himself, referred by him at
	 * {@code at}. Concurrent calls for the same new e-mail are safe (the second updates).
	 */
	ContactSummary upsertReferred(String email, String firstName, String lastName, ReferralResolver.Referrer referrer,
			Instant at, String referral);

	/**
	 * A buyer for {@link #upsertReferredAll}: the arguments of {@link #upsertReferred}.
	 */
	record ReferredBuyer(String email, @Nullable String firstName, @Nullable String lastName,
			ReferralResolver.@Nullable Referrer referrer, Instant at, @Nullable String referral) {
	}

	/**
	 * {@link #upsertReferred} for several buyers in one statement (a group commit of
	 * orders), in the given order; their e-mails must differ (case-insensitively).
	 * Answers in the same order.
	 */
	List<ContactSummary> upsertReferredAll(List<ReferredBuyer> buyers);

	/**
	 * A contact from a public, unauthenticated form (opt-in {@code /join}, hosted order
	 * form {@code /buy}, partner sign-up): whoever posts may type anybody's e-mail, so
	 * nothing he sends may change an existing contact. A new contact is created with the
	 * given names; an existing one keeps his names and e-mail. The referral is only a
	 * genuine click ({@link ReferralResolver#click}, never a partner code): it sets the
	 * first and last referrer of a new contact, and only the last referrer of an existing
	 * one, and only when the click happened after his last referral (so an old or
	 * replayed token cannot take the credit from a later one). Nobody is credited for
	 * referring himself. One statement: two forms posting the same new e-mail at once
	 * give one contact.
	 * @param click null: no referral
	 */
	PublicContact receivePublic(String email, String firstName, String lastName, ReferralResolver.Click click);

	/**
	 * @param created whether the form created the contact
	 * @param referred whether the click was recorded as his referral
	 */
	record PublicContact(ContactSummary contact, boolean created, boolean referred) {
	}

	/**
	 * A referral arriving with the contact: the first referrer is set once, the last
	 * referrer every time.
	 */
	ContactSummary recordReferral(long contactId, long partnerId, Instant at);

	/**
	 * As {@link #recordReferral(long, long, Instant)}, keeping the referral (click token
	 * or partner code) that named the partner, so the contact's attribution trail can
	 * show which click, tool and SubID it was.
	 */
	ContactSummary recordReferral(long contactId, long partnerId, Instant at, String referral);

	/**
	 * How the first and last referrer came about, in words; for the console's Referral
	 * info tab only.
	 */
	ReferralTrail referralTrail(long contactId);

	/** Manual change from the console; {@code null} clears it. */
	ContactSummary setFirstReferrer(long contactId, Long partnerId);

	/** Manual change from the console; {@code null} clears it. */
	ContactSummary setLastReferrer(long contactId, Long partnerId);

	long count();

}
