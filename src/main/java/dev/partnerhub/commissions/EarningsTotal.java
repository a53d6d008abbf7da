package dev.partnerhub.commissions;

import java.math.BigDecimal;

/**
 * A partner's commissions in one status and currency: how many, and their sum (clawbacks
 * are negative).
 */
public record EarningsTotal(CommissionStatus status, String currency, long count, BigDecimal amount) {
}
