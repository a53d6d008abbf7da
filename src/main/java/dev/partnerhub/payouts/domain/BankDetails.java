package dev.partnerhub.payouts.domain;

import java.util.Locale;

import dev.partnerhub.support.InvalidInputException;
import org.iban4j.BicUtil;
import org.iban4j.Iban4jException;
import org.iban4j.IbanUtil;

/**
 * IBAN and BIC checks (iban4j: country format and check digits) and the masks every page
 * shows instead of the numbers.
 */
public final class BankDetails {

	private BankDetails() {
	}

	/**
	 * Upper case without spaces; a valid IBAN, else InvalidInputException on
	 * {@code field}.
	 */
	public static String iban(String field, String input) {
		String iban = compact(input);
		if (iban.length() > 34) {
			throw new InvalidInputException(field, "An IBAN has at most 34 characters.");
		}
		try {
			IbanUtil.validate(iban);
		}
		catch (Iban4jException ex) {
			throw new InvalidInputException(field,
					"This is not a valid IBAN (check the country code, the length and the check digits).");
		}
		return iban;
	}

	/** Upper case without spaces; a valid BIC (8 or 11 characters). */
	public static String bic(String field, String input) {
		String bic = compact(input);
		if (bic.length() > 11) {
			throw new InvalidInputException(field, "A BIC has 8 or 11 characters.");
		}
		try {
			BicUtil.validate(bic);
		}
		catch (Iban4jException ex) {
			throw new InvalidInputException(field, "This is not a valid BIC (8 or 11 letters and digits).");
		}
		return bic;
	}

	/**
	 * "DE89 **** **** **** **30 00": country and check digits and the last four shown.
	 */
	public static String maskIban(String iban) {
		StringBuilder masked = new StringBuilder();
		for (int i = 0; i < iban.length(); i++) {
			if (i > 0 && i % 4 == 0) {
				masked.append(' ');
			}
			masked.append(i < 4 || i >= iban.length() - 4 ? iban.charAt(i) : '*');
		}
		return masked.toString();
	}

	/** Bank and country code shown ("COBADE**"), the branch hidden. */
	public static String maskBic(String bic) {
		return bic.substring(0, Math.min(6, bic.length())) + "*".repeat(Math.max(0, bic.length() - 6));
	}

	/** The last four characters shown. */
	public static String maskTaxId(String taxId) {
		String compact = taxId.replaceAll("\\s+", "");
		int shown = compact.length() > 6 ? 4 : Math.min(2, compact.length() / 2);
		return "*".repeat(compact.length() - shown) + compact.substring(compact.length() - shown);
	}

	static String compact(String input) {
		return input == null ? "" : input.replaceAll("[\\s\\u00a0]+", "").toUpperCase(Locale.ROOT);
	}

}
