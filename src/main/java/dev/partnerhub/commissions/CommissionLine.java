package dev.partnerhub.commissions;

import java.math.BigDecimal;

/** A commission as the order API shows it. */
public record CommissionLine(long id, long partnerId, String partnerCode, int tier, BigDecimal amount,
		CommissionStatus status, Long chargeId, Long clawbackOf) {
}
