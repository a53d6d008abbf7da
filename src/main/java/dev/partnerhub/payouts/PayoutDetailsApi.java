package dev.partnerhub.payouts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A partner's payout method and tax details, for the partner center (always for the
 * logged-in partner himself) and the console. Numbers (IBAN, BIC, tax id) come back
 * masked only; invalid input is an {@code InvalidInputException} naming the field.
 */
public interface PayoutDetailsApi {

	/** The method and what his program offers; empty details for an unknown partner. */
	MethodView method(long partnerId);

	/** Validates, encrypts, stores, audits and e-mails the partner. */
	MethodView changeMethod(long partnerId, MethodChange change);

	TaxView taxDetails(long partnerId);

	/** Validates, encrypts the tax id, stores (signed today), audits and e-mails. */
	TaxView saveTaxDetails(long partnerId, TaxInput input);

	/**
	 * What the partner enters. {@code method}: paypal, bank or other; for a bank account
	 * either {@code iban} (with optional {@code bic}) or {@code localDetails}.
	 */
	record MethodChange(String method, @Nullable String payoutEmail, @Nullable String accountHolder,
			@Nullable String iban, @Nullable String bic, @Nullable String localDetails, @Nullable String instructions) {
	}

	/** Masked: {@code ibanMask} like "DE89 **** **** **** **30 00". */
	record MethodView(String method, @Nullable String payoutEmail, @Nullable String accountHolder,
			@Nullable String ibanMask, @Nullable String bicMask, boolean localDetailsOnFile,
			@Nullable String instructions, List<String> offered, @Nullable Instant updatedAt) {
	}

	/** {@code entityType}: business or individual; {@code country} ISO 3166 alpha-2. */
	record TaxInput(@Nullable String legalName, @Nullable String country, @Nullable String taxId,
			@Nullable String entityType, boolean usPerson, boolean declared, @Nullable String signedName) {
	}

	/**
	 * {@code onFile} false when nothing was entered yet (then the other fields are null).
	 */
	record TaxView(boolean onFile, boolean required, @Nullable String legalName, @Nullable String country,
			@Nullable String taxIdMask, @Nullable String entityType, @Nullable Boolean usPerson,
			@Nullable String signedName, @Nullable LocalDate signedOn) {
	}

}
