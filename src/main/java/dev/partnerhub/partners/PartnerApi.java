package dev.partnerhub.partners;

import java.util.List;
import java.util.Optional;

/** What other modules may ask of partners. */
public interface PartnerApi {

	Optional<PartnerSummary> findById(long id);

	/** Case-insensitive. */
	Optional<PartnerSummary> findByCode(String code);

	Optional<PartnerSummary> findByContactId(long contactId);

	long count();

	/**
	 * The public sign-up link through which this partner recruits tier-2 partners into
	 * their own program: {@code {baseUrl}/partners/signup/{program slug}?ref={code}}.
	 * Empty when there is no such partner.
	 */
	Optional<String> signupLink(long partnerId);

	/**
	 * The partner's own change from the partner center; blank clears it. Audited by the
	 * caller.
	 */
	PartnerSummary changePayoutEmail(long partnerId, String payoutEmail);

	/**
	 * The partner and, when he has one, his parent (second), each with his contact's
	 * e-mail; empty for an unknown id. One fresh read for crediting an order (both
	 * tiers).
	 */
	List<Earner> findWithParent(long id);

	/** A partner with his contact's e-mail (self-purchase check). */
	record Earner(PartnerSummary partner, String email) {
	}

	/**
	 * Enrolls an existing contact in a program without a login (CSV import): a contact
	 * that is already a partner or a taken code is a ConflictException, an unknown parent
	 * an InvalidInputException.
	 */
	PartnerSummary enroll(long contactId, long programId, String code, PartnerStatus status, Long parentId,
			String payoutEmail);

	/**
	 * Sets his status (audited as {@code partner.status}; becoming approved publishes
	 * {@link PartnerApproved} and, when he has no login, queues his invitation e-mail).
	 */
	PartnerSummary changeStatus(long partnerId, PartnerStatus status);

	/**
	 * Invites an approved partner who has no login yet (set-password link, 7 days); true
	 * when the invitation was queued, false when he is not approved or has a login.
	 */
	boolean inviteIfApproved(long partnerId);

	/**
	 * Moves him to another program (audited as {@code partner.program}); later
	 * commissions use its rates.
	 */
	PartnerSummary changeProgram(long partnerId, long programId);

}
