package dev.partnerhub.support;

import java.util.Currency;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * ISO 4217 currency codes as clients must send them: three upper-case letters naming a
 * real currency known to {@link Currency}. Codes that are not money are refused:
 * {@code XXX} (no currency), {@code XTS} (testing), precious metals ({@code XAU}...),
 * bond-market units ({@code XBA}...), {@code XDR} — exactly the codes {@link Currency}
 * gives no minor unit (default fraction digits -1). Lower case is refused, never silently
 * upper-cased.
 */
public final class Currencies {

	private static final Pattern CODE = Pattern.compile("[A-Z]{3}");

	private static final Set<String> CODES = codes();

	private Currencies() {
	}

	public static boolean isValid(String code) {
		return code != null && CODE.matcher(code).matches() && CODES.contains(code);
	}

	/** The code itself, or an {@link InvalidInputException} naming the field. */
	public static String require(String field, String code) {
		if (code == null || code.isEmpty()) {
			throw new InvalidInputException(field,
					"'" + field + "' is required: an ISO 4217 currency code such as USD.");
		}
		if (!isValid(code)) {
			throw new InvalidInputException(field,
					"'" + field + "' must be an ISO 4217 currency code in upper case, such as USD or EUR.");
		}
		return code;
	}

	/** Every accepted code, sorted (for a form's suggestions). */
	public static Set<String> all() {
		return CODES;
	}

	private static Set<String> codes() {
		Set<String> codes = new TreeSet<>();
		for (Currency currency : Currency.getAvailableCurrencies()) {
			if (currency.getDefaultFractionDigits() >= 0) {
				codes.add(currency.getCurrencyCode());
			}
		}
		return java.util.Collections.unmodifiableSet(codes);
	}

}
