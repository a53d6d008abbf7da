package dev.partnerhub.programs;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/** A commission rate: "20" percent means 20 %; a flat value is money per unit. */
public record Rate(RateType type, BigDecimal value) {

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	public Rate {
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(value, "value");
		if (value.signum() < 0) {
			throw new IllegalArgumentException("A rate cannot be negative.");
		}
		if (type == RateType.PERCENT && value.compareTo(HUNDRED) > 0) {
			throw new IllegalArgumentException("A percent rate cannot exceed 100.");
		}
	}

	public static Rate percent(String value) {
		return new Rate(RateType.PERCENT, new BigDecimal(value));
	}

	public static Rate flat(String value) {
		return new Rate(RateType.FLAT, new BigDecimal(value));
	}

	/**
	 * Commission for one line: round(rate × net, 2, HALF_UP) for percent, value ×
	 * quantity for flat.
	 */
	public BigDecimal commissionFor(BigDecimal lineNet, long quantity) {
		BigDecimal amount = this.type == RateType.PERCENT ? this.value.multiply(lineNet).divide(HUNDRED)
				: this.value.multiply(BigDecimal.valueOf(quantity));
		return amount.setScale(2, RoundingMode.HALF_UP);
	}

	/** "20 %" or "5.00 flat", for lists. */
	public String label() {
		return this.type == RateType.PERCENT ? this.value.stripTrailingZeros().toPlainString() + " %"
				: this.value.setScale(2, RoundingMode.HALF_UP).toPlainString() + " flat";
	}

}
