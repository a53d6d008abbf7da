package dev.partnerhub.programs;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * One stored exchange rate: on {@code day} and after (until a later entry), 1
 * {@code base} = {@code rate} {@code quote}.
 */
public record ExchangeRate(String base, String quote, LocalDate day, BigDecimal rate) {

	/** An amount of {@code base} in {@code quote}, rounded half up to cents. */
	public BigDecimal convert(BigDecimal amount) {
		return amount.multiply(this.rate).setScale(2, RoundingMode.HALF_UP);
	}

	/** "EUR→USD". */
	public String pair() {
		return this.base + "→" + this.quote;
	}

}
