package dev.partnerhub.commissions;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A commission as the console's order page shows it: who earns what, why, and what a
 * refund did to it.
 *
 * @param chargeLabel the recurring charge it was earned on (the client's charge id), null
 * for the initial sale
 * @param clawbackOf the paid commission a negative clawback takes back, null otherwise
 * @param refundLabel the refund that caused a clawback (the client's refund id)
 */
public record CommissionDetail(long id, long partnerId, String partnerCode, int tier, @Nullable String sku,
		BigDecimal originalAmount, BigDecimal amount, String currency, CommissionStatus status, String reason,
		Instant transactionDate, @Nullable String chargeLabel, @Nullable Long clawbackOf, @Nullable String refundLabel,
		@Nullable Instant approvedAt, @Nullable Instant paidAt) {

	public boolean clawback() {
		return this.clawbackOf != null;
	}

}
