package dev.partnerhub.partners;

import java.util.Optional;

/** What other modules may ask of partners. */
public interface PartnerApi {

	Optional<PartnerSummary> findById(long id);

	/** Case-insensitive. */
	Optional<PartnerSummary> findByCode(String code);

	Optional<PartnerSummary> findByContactId(long contactId);

	long count();

	/**
	 * The public sign-up link through which this partner recruits tier-2 partners into his own program:
	 * {@code {baseUrl}/partners/signup/{program name, URL-encoded}?ref={code}}. Empty when there is no such partner.
	 */
	Optional<String> signupLink(long partnerId);
	/** The partner's own change from the partner center; blank clears it. Audited by the caller. */
	PartnerSummary changePayoutEmail(long partnerId, String payoutEmail);

	/** Sets his status (audited as {@code partner.status}; becoming approved publishes {@link PartnerApproved}). */
	PartnerSummary changeStatus(long partnerId, PartnerStatus status);

	/** Moves him to another program (audited as {@code partner.program}); later commissions use its rates. */
	PartnerSummary changeProgram(long partnerId, long programId);

}
