package dev.partnerhub.programs.web;

import dev.partnerhub.programs.Rate;
import org.jspecify.annotations.Nullable;

/**
 * A rate in JSON: {@code {"type": "percent", "value": "20"}} or {@code {"type": "flat",
 * "value": "5.00"}}. Requests may send the value as a string or a number; responses
 * always send a string.
 */
record RateJson(String type, String value) {

	static @Nullable RateJson of(@Nullable Rate rate) {
		return rate == null ? null : new RateJson(rate.type().value(), Rates.formatValue(rate));
	}

}
