package dev.partnerhub.support;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The one parser for money (and other decimals) that clients type or send: every API
 * body, console form and CSV import goes through it. A plain decimal only: digits,
 * optionally a point and at most two decimals ({@code "12.34"}, {@code "0.50"},
 * {@code "100"}); no sign, no exponent ({@code 1e3}), no spaces, no thousands separators,
 * no leading zeros, no leading {@code +}. Every amount is bounded by
 * {@code partnerhub.money.max-amount} (default 1,000,000.00). Errors are
 * {@link InvalidInputException}s naming the field, so they become a 400 problem or a form
 * message.
 */
public final class MoneyInput {

	/** The default of {@code partnerhub.money.max-amount}. */
	public static final BigDecimal DEFAULT_MAX_AMOUNT = new BigDecimal("1000000.00");

	/**
	 * Integer part without leading zeros (at most 18 digits), then at most {@code %d}
	 * decimals.
	 */
	private static final String PLAIN = "(0|[1-9][0-9]{0,17})(\\.[0-9]{1,%d})?";

	private static final Pattern MONEY = Pattern.compile(PLAIN.formatted(2));

	private static volatile BigDecimal maxAmount = DEFAULT_MAX_AMOUNT;

	private MoneyInput() {
	}

	/**
	 * Set once at start-up from {@code partnerhub.money.max-amount} (see
	 * {@link MoneyLimits}).
	 */
	static void maxAmount(BigDecimal max) {
		if (max == null || max.signum() <= 0) {
			throw new IllegalArgumentException("partnerhub.money.max-amount must be a positive amount.");
		}
		maxAmount = max.setScale(2, RoundingMode.DOWN);
	}

	public static BigDecimal maxAmount() {
		return maxAmount;
	}

	/**
	 * A required amount: {@code "12.34"} → 12.34 (scale 2); null or blank → "is
	 * required".
	 */
	public static BigDecimal parse(String field, String text) {
		if (text == null || text.isEmpty()) {
			throw new InvalidInputException(field, label(field) + " is required.");
		}
		return parseOptional(field, text);
	}

	/** An optional amount: null or empty → null; anything else must be a plain amount. */
	public static @Nullable BigDecimal parseOptional(String field, String text) {
		if (text == null || text.isEmpty()) {
			return null;
		}
		String problem = amountProblem(text);
		if (problem != null) {
			throw new InvalidInputException(field, label(field) + " " + problem);
		}
		return new BigDecimal(text).setScale(2, RoundingMode.UNNECESSARY);
	}

	/**
	 * Why the text is not an acceptable amount, as the end of a sentence about the field
	 * ("must be a plain amount ..."), or null when it is one.
	 */
	public static String amountProblem(String text) {
		if (text == null || text.length() > 40 || !MONEY.matcher(text).matches()) {
			return "must be a plain amount such as 12.34: digits with at most two decimals, no sign, exponent or spaces.";
		}
		return new BigDecimal(text).compareTo(maxAmount) > 0 ? tooLarge() : null;
	}

	/**
	 * An amount that is already a number (from code, or a JSON number checked by its
	 * literal text before): at most two decimals, not negative, within the bound. Null
	 * stays null.
	 */
	public static @Nullable BigDecimal check(String field, BigDecimal amount) {
		if (amount == null) {
			return null;
		}
		if (amount.signum() < 0) {
			throw new InvalidInputException(field, label(field) + " cannot be negative.");
		}
		if (amount.stripTrailingZeros().scale() > 2) {
			throw new InvalidInputException(field, label(field) + " has at most two decimals.");
		}
		return bounded(field, amount.setScale(2, RoundingMode.UNNECESSARY));
	}

	/**
	 * A plain decimal that is not an amount of money (a percent rate, an exchange rate):
	 * the same syntax with up to {@code maxScale} decimals. The caller bounds it.
	 */
	public static BigDecimal parseDecimal(String field, String text, int maxScale) {
		if (text == null || text.isEmpty()) {
			throw new InvalidInputException(field, label(field) + " is required.");
		}
		if (text.length() > 40 || !plain(maxScale).matcher(text).matches()) {
			throw new InvalidInputException(field,
					label(field) + " must be a plain number such as 12.5: digits with at most " + maxScale
							+ " decimals, no sign, exponent or spaces.");
		}
		return new BigDecimal(text);
	}

	/**
	 * Whether the text is a plain amount (syntax only, no bound): for callers that report
	 * errors their own way.
	 */
	public static boolean isPlainAmount(String text) {
		return text != null && text.length() <= 40 && MONEY.matcher(text).matches();
	}

	private static BigDecimal bounded(String field, BigDecimal amount) {
		if (amount.compareTo(maxAmount) > 0) {
			throw new InvalidInputException(field, label(field) + " " + tooLarge());
		}
		return amount;
	}

	private static String tooLarge() {
		return "must not exceed " + String.format(java.util.Locale.ROOT, "%,.2f", maxAmount) + ".";
	}

	private static Pattern plain(int maxScale) {
		return maxScale == 2 ? MONEY : Pattern.compile(PLAIN.formatted(Math.max(1, maxScale)));
	}

	private static String label(String field) {
		return field == null || field.isBlank() ? "This value" : "'" + field + "'";
	}

}
