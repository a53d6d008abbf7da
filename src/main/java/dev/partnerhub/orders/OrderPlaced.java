package dev.partnerhub.orders;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Published once per new order (never for a replay), for rollups ("active referred open
 * orders") and automation.
 */
public record OrderPlaced(long orderId, String externalOrderId, long contactId, BigDecimal total, String currency,
		boolean recurring, Instant occurredAt) {
}
