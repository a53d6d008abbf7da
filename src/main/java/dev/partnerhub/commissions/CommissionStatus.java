package dev.partnerhub.commissions;

import java.util.Locale;

/**
 * pending → approved → paid; declined; refunded (an unpaid commission whose sale was
 * refunded). {@code held}: a hold rule flagged it for review
 * (docs/orders-and-commissions.md, "Fraud hold"); only an admin's release (→ pending) or
 * decline moves it on.
 */
public enum CommissionStatus {

	PENDING, HELD, APPROVED, DECLINED, PAID, REFUNDED;

	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public boolean unpaid() {
		return this == PENDING || this == HELD || this == APPROVED;
	}

	public static CommissionStatus of(String value) {
		for (CommissionStatus status : values()) {
			if (status.value().equalsIgnoreCase(value)) {
				return status;
			}
		}
		throw new IllegalArgumentException(
				"Status must be pending, held, approved, declined, paid or refunded, not '" + value + "'.");
	}

}
