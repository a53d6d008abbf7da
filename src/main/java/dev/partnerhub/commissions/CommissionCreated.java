package dev.partnerhub.commissions;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Published for every new commission, clawbacks included (negative amount), for rollups
 * and automation.
 */
public record CommissionCreated(long commissionId, long partnerId, long contactId, long orderId, int tier,
		BigDecimal amount, String currency, CommissionStatus status, Instant transactionDate, Long clawbackOf) {
}
