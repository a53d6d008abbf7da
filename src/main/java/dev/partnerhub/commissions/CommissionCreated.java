package dev.partnerhub.commissions;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Published for every new commission, clawbacks included (negative amount), for rollups
 * and automation. {@code orderId} is null for bonuses and lead rewards.
 */
public record CommissionCreated(long commissionId, long partnerId, long contactId, @Nullable Long orderId, int tier,
		BigDecimal amount, String currency, CommissionStatus status, Instant transactionDate,
		@Nullable Long clawbackOf) {
}
