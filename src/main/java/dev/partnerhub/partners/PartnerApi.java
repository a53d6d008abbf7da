package dev.partnerhub.partners;

import java.util.Optional;

/** What other modules may ask of partners. */
public interface PartnerApi {

	Optional<PartnerSummary> findById(long id);

	/** Case-insensitive. */
	Optional<PartnerSummary> findByCode(String code);

	Optional<PartnerSummary> findByContactId(long contactId);

	long count();

	/** The partner's own change from the partner center; blank clears it. Audited by the caller. */
	PartnerSummary changePayoutEmail(long partnerId, String payoutEmail);

}
