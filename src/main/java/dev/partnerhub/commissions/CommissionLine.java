package dev.partnerhub.commissions;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * A commission as the order API shows it. {@code currency} is its program's (an order in
 * another currency was converted at {@code exchangeRate}; null when it was not).
 */
public record CommissionLine(long id, long partnerId, String partnerCode, int tier, BigDecimal amount,
		CommissionStatus status, @Nullable Long chargeId, @Nullable Long clawbackOf, String currency,
		@Nullable BigDecimal exchangeRate) {
}
