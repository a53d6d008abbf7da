package dev.partnerhub.rollups;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a rollup computes over the related rows. */
public enum RollupFunction {

	SUM("Sum"), COUNT("Count"), AVG("Average"), MIN("Minimum"), MAX("Maximum");

	private final String label;

	RollupFunction(String label) {
		this.label = label;
	}

	@JsonValue
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public String label() {
		return this.label;
	}

	/** count takes no field; the others roll up a numeric field. */
	public boolean needsField() {
		return this != COUNT;
	}

	@JsonCreator
	public static RollupFunction of(String value) {
		if (value != null) {
			for (RollupFunction function : values()) {
				if (function.value().equalsIgnoreCase(value.strip())) {
					return function;
				}
			}
		}
		throw new IllegalArgumentException("function must be one of sum, count, avg, min, max, not '" + value + "'");
	}

}
