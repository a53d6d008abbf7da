package dev.partnerhub.integrations.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Locale;

/**
 * Stripe sends amounts as integers in the currency's smallest unit (cents; yen have
 * none): converted with the currency's ISO fraction digits, then kept as money with two
 * decimals (Partnerhub's NUMERIC(19,2)).
 */
final class StripeMoney {

	private StripeMoney() {
	}

	/** The ISO code in upper case; an unknown one is a {@link StripeEventException}. */
	static String currency(String stripeCurrency) {
		if (stripeCurrency == null || !stripeCurrency.strip().matches("[A-Za-z]{3}")) {
			throw new StripeEventException("The event has no valid currency: " + stripeCurrency);
		}
		String code = stripeCurrency.strip().toUpperCase(Locale.ROOT);
		try {
			Currency.getInstance(code);
		}
		catch (IllegalArgumentException ex) {
			throw new StripeEventException("Unknown currency " + code + ".");
		}
		return code;
	}

	/**
	 * {@code 1999} USD → 19.99; {@code 1999} JPY → 1999.00; {@code 12340} BHD (3 digits)
	 * → 12.34.
	 */
	static BigDecimal amount(long minor, String currency) {
		int digits = Currency.getInstance(currency(currency)).getDefaultFractionDigits();
		return BigDecimal.valueOf(minor, Math.max(digits, 0)).setScale(2, RoundingMode.HALF_UP);
	}

}
