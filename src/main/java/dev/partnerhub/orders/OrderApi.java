package dev.partnerhub.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What other modules may do with orders: the same commands as the ingestion API ({@code POST /api/v1/orders},
 * charges, refunds), idempotent by their ids and crediting commissions by the real rules. Used by the demo data.
 */
public interface OrderApi {

	/** Places an order (a replay with the same body is a no-op); returns how many commissions it credited. */
	int place(NewOrder order);

	/** A recurring charge of an open order; returns how many commissions it credited. */
	int charge(String orderId, String chargeId, BigDecimal amount, Instant occurredAt);

	/** A full ({@code amount} null) or partial refund; returns how many commissions it changed or created. */
	int refund(String orderId, String refundId, BigDecimal amount);

	record NewOrder(String orderId, String email, String firstName, String lastName, String referral,
			Instant occurredAt, String currency, boolean recurring, List<Line> items) {
	}

	record Line(String sku, int quantity, BigDecimal unitPrice) {
	}

}
