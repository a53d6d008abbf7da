package dev.partnerhub.programs;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The stored exchange rates, as other modules use them. The rate for a day is the latest
 * entry for the pair with {@code day <= } that day: an entry applies from its day on,
 * until a later one. Only the pair as stored is used (an EUR→USD order needs an EUR→USD
 * rate; a USD→EUR one is not inverted).
 */
public interface ExchangeRates {

	/**
	 * The rate that applies on {@code day}, or empty when none is stored for that day or
	 * before.
	 */
	Optional<ExchangeRate> rateOn(String base, String quote, LocalDate day);

	/**
	 * Like {@link #rateOn}, but no rate is a
	 * {@link dev.partnerhub.support.UnprocessableException} (422) that names the pair and
	 * the day.
	 */
	ExchangeRate require(String base, String quote, LocalDate day);

}
