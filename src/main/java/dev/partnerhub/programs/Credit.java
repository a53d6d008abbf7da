package dev.partnerhub.programs;

/**
 * Who gets the credit for a sale: the contact's first or last referrer (global setting,
 * default last).
 */
public enum Credit {

	FIRST, LAST;

	public String value() {
		return name().toLowerCase();
	}

	public static Credit of(String value) {
		for (Credit credit : values()) {
			if (credit.value().equalsIgnoreCase(value)) {
				return credit;
			}
		}
		throw new IllegalArgumentException("Credit must be first or last, not '" + value + "'.");
	}

}
