package dev.partnerhub.filters;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Condition operators, as the API spells them, with the words the console shows. */
public enum Op {

	EQ("equal to"), NE("not equal to"), GT("greater than"), GTE("greater than or equal to"), LT("less than"),
	LTE("less than or equal to"), ON_OR_AFTER("on or after"), ON_OR_BEFORE("on or before"),
	WITHIN_LAST_DAYS("within the last");

	private final String words;

	Op(String words) {
		this.words = words;
	}

	@JsonValue
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public String words() {
		return this.words;
	}

	/**
	 * The operator named {@code value} (case-insensitive); IllegalArgumentException
	 * listing the valid ones.
	 */
	@JsonCreator
	public static Op of(String value) {
		if (value != null) {
			for (Op op : values()) {
				if (op.value().equalsIgnoreCase(value.strip())) {
					return op;
				}
			}
		}
		throw new IllegalArgumentException("unknown op '" + value + "' (known: eq, ne, gt, gte, lt, lte, on_or_after, "
				+ "on_or_before, within_last_days)");
	}

}
