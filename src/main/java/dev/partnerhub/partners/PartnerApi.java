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
	 * Enrolls an existing contact in a program without a login (CSV import): a contact that is already a partner
	 * or a taken code is a ConflictException, an unknown parent an InvalidInputException.
	 */
	PartnerSummary enroll(long contactId, long programId, String code, PartnerStatus status, Long parentId,
			String payoutEmail);

}
