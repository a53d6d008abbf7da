package dev.partnerhub.programs;

/**
 * A commission rate is either a percent of the line's net amount or a flat amount of
 * money per unit.
 */
public enum RateType {

	PERCENT, FLAT;

	public String value() {
		return name().toLowerCase();
	}

	public static RateType of(String value) {
		for (RateType type : values()) {
			if (type.value().equalsIgnoreCase(value)) {
				return type;
			}
		}
		throw new IllegalArgumentException("Rate type must be percent or flat, not '" + value + "'.");
	}

}
