package dev.partnerhub.orders;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Published once per refund actually recorded (never for a replay), in the refund's
 * transaction; {@code refundRowId} is the refund's own id, {@code orderId} the order's.
 */
public record OrderRefunded(long orderId, String externalOrderId, long refundRowId, String refundId, BigDecimal amount,
		String currency, boolean fullyRefunded, Instant occurredAt) {
}
