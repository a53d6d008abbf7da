package dev.partnerhub.commissions;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A sale to credit: the initial sale of an order ({@code chargeId} null) or one recurring
 * charge of an open order (then the lines carry the charge's pro-rata share of each
 * line). Ids are the orders module's row ids.
 *
 * @param orderStartedAt when the order's first charge (the initial sale) happened, for
 * the recurring-months limit
 * @param buyerEmail the buyer's e-mail when the caller has it at hand (saves a read);
 * null: looked up
 * @param buyerIp the IP the order came from when the client sent it (fraud hold rules),
 * else null
 */
public record Sale(long orderId, @Nullable Long chargeId, @Nullable String chargeLabel, long contactId, String currency,
		Instant occurredAt, Instant orderStartedAt, Attribution attribution, List<Line> lines,
		@Nullable String buyerEmail, @Nullable String buyerIp) {

	public Sale {
		lines = List.copyOf(lines);
	}

	public Sale(long orderId, @Nullable Long chargeId, @Nullable String chargeLabel, long contactId, String currency,
			Instant occurredAt, Instant orderStartedAt, Attribution attribution, List<Line> lines,
			@Nullable String buyerEmail) {
		this(orderId, chargeId, chargeLabel, contactId, currency, occurredAt, orderStartedAt, attribution, lines,
				buyerEmail, null);
	}

	public Sale(long orderId, @Nullable Long chargeId, @Nullable String chargeLabel, long contactId, String currency,
			Instant occurredAt, Instant orderStartedAt, Attribution attribution, List<Line> lines) {
		this(orderId, chargeId, chargeLabel, contactId, currency, occurredAt, orderStartedAt, attribution, lines, null);
	}

	public boolean recurringCharge() {
		return this.chargeId != null;
	}

	/**
	 * @param net the money commissions are computed on (line net, or its share of a
	 * charge)
	 */
	public record Line(long orderItemId, long productId, String sku, int quantity, BigDecimal net) {
	}

}
