package dev.partnerhub.commissions;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A commission another affiliate system computed, recorded as it is (no rates applied) on
 * a sale the orders module recorded for it. {@code paidAt} only for {@code paid};
 * {@code actor} is who imports (the audit log's actor).
 *
 * @param externalId the other system's commission id: unique, a second import of it
 * creates nothing
 */
public record ImportedCommission(String externalId, long partnerId, long contactId, long orderId, long orderItemId,
		long productId, String sku, int tier, BigDecimal baseAmount, BigDecimal amount, String currency,
		CommissionStatus status, Instant transactionDate, @Nullable Instant paidAt, String reason, String actor) {
}
