package dev.partnerhub.integrations.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the Integrations page shows of the Stripe webhook: recent events, refunds, first
 * invoices waiting.
 */
@Component
@Transactional(readOnly = true)
public class StripeActivity {

	private final JdbcClient jdbc;

	StripeActivity(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public record EventRow(String eventId, String type, String outcome, String detail, boolean livemode,
			Instant receivedAt) {
	}

	public record RefundRow(String refundId, String stripeCharge, BigDecimal amount, String currency, String status,
			@Nullable String orderId, String detail, Instant createdAt) {
	}

	public record WaitingRow(String subscriptionId, Instant waitingSince) {
	}

	public List<EventRow> recentEvents(int limit) {
		return this.jdbc.sql("""
				select event_id, type, outcome, detail, livemode, received_at from stripe_event
				order by received_at desc, event_id limit :limit
				""")
			.param("limit", limit)
			.query((rs, n) -> new EventRow(rs.getString("event_id"), rs.getString("type"), rs.getString("outcome"),
					rs.getString("detail"), rs.getBoolean("livemode"), rs.getTimestamp("received_at").toInstant()))
			.list();
	}

	/** Pending and rejected refunds first, then the latest applied ones. */
	public List<RefundRow> refunds(int limit) {
		return this.jdbc.sql("""
				select refund_id, stripe_charge, amount, currency, status, order_id, detail, created_at
				from stripe_refund order by status = 'applied', created_at desc limit :limit
				""")
			.param("limit", limit)
			.query((rs, n) -> new RefundRow(rs.getString("refund_id"), rs.getString("stripe_charge"),
					rs.getBigDecimal("amount"), rs.getString("currency"), rs.getString("status"),
					rs.getString("order_id"), rs.getString("detail"), rs.getTimestamp("created_at").toInstant()))
			.list();
	}

	public List<WaitingRow> waiting() {
		return this.jdbc.sql("""
				select subscription_id, waiting_since from stripe_subscription where waiting_invoice is not null
				order by waiting_since limit 100
				""")
			.query((rs, n) -> new WaitingRow(rs.getString("subscription_id"),
					rs.getTimestamp("waiting_since").toInstant()))
			.list();
	}

}
