package dev.partnerhub.filters;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a filter group joins its conditions: every one ({@code all}, AND) or at least one
 * ({@code any}, OR).
 */
public enum Match {

	ALL, ANY;

	@JsonValue
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** In words for summaries: AND / OR. */
	public String word() {
		return this == ALL ? "AND" : "OR";
	}

	@JsonCreator
	public static Match of(String value) {
		if (value != null) {
			for (Match match : values()) {
				if (match.value().equalsIgnoreCase(value.strip())) {
					return match;
				}
			}
		}
		throw new IllegalArgumentException("match must be 'all' or 'any', not '" + value + "'");
	}

}
