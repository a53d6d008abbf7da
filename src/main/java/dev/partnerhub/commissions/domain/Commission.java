package dev.partnerhub.commissions.domain;

import java.math.BigDecimal;

import dev.partnerhub.commissions.CommissionStatus;
import org.jspecify.annotations.Nullable;

/**
 * A commission as a refund needs it. {@code clawedBack} is the sum of the (negative)
 * clawbacks of a paid commission, so what is left to claw back is
 * {@code amount + clawedBack}. Paid commissions are never edited.
 */
record Commission(long id, long partnerId, int tier, long orderItemId, @Nullable Long chargeId, BigDecimal baseAmount,
		BigDecimal originalAmount, BigDecimal amount, CommissionStatus status, long version, BigDecimal clawedBack) {

	/** What a refund may still take from this commission. */
	BigDecimal remaining() {
		if (this.status.unpaid()) {
			return this.amount;
		}
		if (this.status == CommissionStatus.PAID) {
			return this.amount.add(this.clawedBack);
		}
		return BigDecimal.ZERO.setScale(2);
	}

}
