package dev.partnerhub.commissions;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A refund split pro rata over the order's sale lines: each part says how much of one
 * base (an item of the initial sale, or an item's share of a charge) was refunded.
 * {@code full} means the order is now refunded completely, so every remaining commission
 * goes.
 */
public record Refund(long orderId, long refundId, String refundLabel, Instant occurredAt, List<Part> parts,
		boolean full) {

	public Refund {
		parts = List.copyOf(parts);
	}

	public record Part(long orderItemId, @Nullable Long chargeId, BigDecimal base, BigDecimal refunded) {
	}

}
