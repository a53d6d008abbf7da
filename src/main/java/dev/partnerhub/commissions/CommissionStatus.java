package dev.partnerhub.commissions;

import java.util.Locale;

/**
 * pending → approved → paid; declined; refunded (an unpaid commission whose sale was
 * refunded).
 */
public enum CommissionStatus {

	PENDING, APPROVED, DECLINED, PAID, REFUNDED;

	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public boolean unpaid() {
		return this == PENDING || this == APPROVED;
	}

	public static CommissionStatus of(String value) {
		for (CommissionStatus status : values()) {
			if (status.value().equalsIgnoreCase(value)) {
				return status;
			}
		}
		throw new IllegalArgumentException(
				"Status must be pending, approved, declined, paid or refunded, not '" + value + "'.");
	}

}
