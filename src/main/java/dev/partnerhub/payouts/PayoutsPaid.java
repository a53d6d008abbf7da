package dev.partnerhub.payouts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Published when payout items became paid (a whole batch or one item), in the paying
 * transaction: one entry per partner and currency paid now.
 */
public record PayoutsPaid(long batchId, List<Item> items, Instant paidAt) {

	public PayoutsPaid {
		items = List.copyOf(items);
	}

	/** One partner's payment. */
	public record Item(long itemId, long partnerId, BigDecimal amount, String currency) {
	}

}
