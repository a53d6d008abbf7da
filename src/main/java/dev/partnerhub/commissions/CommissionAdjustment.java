package dev.partnerhub.commissions;

import java.math.BigDecimal;
import java.time.Instant;

/** What a refund did to an unpaid commission: its amount and status before and after. */
public record CommissionAdjustment(long commissionId, String partnerCode, String refundLabel, BigDecimal amountBefore,
		BigDecimal amountAfter, CommissionStatus statusBefore, CommissionStatus statusAfter, Instant at) {

	public BigDecimal reduction() {
		return this.amountBefore.subtract(this.amountAfter);
	}

}
