package dev.partnerhub.programs.web;

import java.math.BigDecimal;
import java.math.RoundingMode;

import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.RateType;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.MoneyInput;
import org.jspecify.annotations.Nullable;

/**
 * Turns submitted rate and money values into domain values with a message naming the
 * offending field, and formats them for JSON. Syntax and the money bound come from
 * {@link MoneyInput} (plain decimals, at most {@code partnerhub.money.max-amount});
 * percents have at most four decimals and at most 100.
 */
final class Rates {

	private Rates() {
	}

	/** A rate from the API ({@code {type, value}} with value as string or number). */
	static Rate parse(String field, RateJson json) {
		if (json == null) {
			throw new InvalidInputException(field, "A rate {type, value} is required.");
		}
		if (json.value() == null || json.value().isEmpty()) {
			throw new InvalidInputException(field + ".value", "The rate value is required.");
		}
		// a JSON number arrives as its literal text: 1e1 is refused like "1e1"
		BigDecimal value = MoneyInput.parseDecimal(field + ".value", json.value(), 4);
		return of(field + ".type", field + ".value", json.type(), value);
	}

	/**
	 * A rate from a form or API: the type is percent or flat, the value a bounded
	 * non-negative number.
	 */
	static Rate of(String typeField, String valueField, @Nullable String type, @Nullable BigDecimal value) {
		RateType rateType;
		try {
			rateType = RateType.of(type == null ? "" : type.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException(typeField, "Rate type must be percent or flat.");
		}
		if (value == null) {
			throw new InvalidInputException(valueField, "The rate value is required.");
		}
		if (value.signum() < 0) {
			throw new InvalidInputException(valueField, "A rate cannot be negative.");
		}
		if (rateType == RateType.PERCENT) {
			if (value.compareTo(BigDecimal.valueOf(100)) > 0) {
				throw new InvalidInputException(valueField, "A percent rate cannot exceed 100.");
			}
			if (value.stripTrailingZeros().scale() > 4) {
				throw new InvalidInputException(valueField, "A percent rate has at most four decimals.");
			}
		}
		else {
			if (value.stripTrailingZeros().scale() > 2) {
				throw new InvalidInputException(valueField,
						"A flat rate is an amount of money per unit with at most two decimals.");
			}
			MoneyInput.check(valueField, value);
		}
		return new Rate(rateType, value);
	}

	/**
	 * Money as submitted (already parsed strictly by the JSON mapper or the form binder):
	 * null stays null (the caller decides), otherwise at most two decimals and bounded.
	 */
	static BigDecimal money(String field, BigDecimal amount) {
		return MoneyInput.check(field, amount);
	}

	/** "49.00". */
	static String formatMoney(BigDecimal amount) {
		return amount == null ? null : amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
	}

	/** Percent without trailing zeros ("20", "12.5"), flat as money ("5.00"). */
	static String formatValue(Rate rate) {
		return rate.type() == RateType.PERCENT ? plain(rate.value()) : formatMoney(rate.value());
	}

	static String plain(BigDecimal value) {
		return value == null ? null : trim(value).toPlainString();
	}

	/** 20 rather than 20.0000 (and not 2E+1), for number inputs and JSON. */
	static @Nullable BigDecimal trim(BigDecimal value) {
		if (value == null) {
			return null;
		}
		BigDecimal stripped = value.stripTrailingZeros();
		return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
	}

}
