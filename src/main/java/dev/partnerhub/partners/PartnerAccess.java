package dev.partnerhub.partners;

import java.util.Locale;

/**
 * Whether a partner can get into the partner center: {@code active} (he has a password),
 * {@code invited} (an invitation link is still valid), {@code expired} (his login has no
 * password and no valid invitation link) or {@code none} (never invited: no login).
 */
public enum PartnerAccess {

	ACTIVE("active"), INVITED("invited"), EXPIRED("invitation expired"), NONE("never invited");

	private final String label;

	PartnerAccess(String label) {
		this.label = label;
	}

	/** The lower-case name used in URLs and the API. */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public String label() {
		return this.label;
	}

	/** The access named by {@code value}; null for blank or unknown (forgiving lists). */
	public static PartnerAccess ofOrNull(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		for (PartnerAccess access : values()) {
			if (access.value().equalsIgnoreCase(value.strip())) {
				return access;
			}
		}
		return null;
	}

}
