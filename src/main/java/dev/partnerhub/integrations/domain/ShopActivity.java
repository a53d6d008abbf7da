package dev.partnerhub.integrations.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the Integrations page shows of the shop webhooks: recent deliveries and refunds.
 */
@Component
@Transactional(readOnly = true)
public class ShopActivity {

	private final JdbcClient jdbc;

	ShopActivity(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public record DeliveryRow(String provider, String deliveryId, String topic, String outcome, String detail,
			Instant receivedAt) {
	}

	public record RefundRow(String refundId, String orderId, BigDecimal amount, String status, String detail,
			Instant createdAt) {
	}

	public List<DeliveryRow> recentDeliveries(int limit) {
		return this.jdbc.sql("""
				select provider, delivery_id, topic, outcome, detail, received_at from shop_webhook_delivery
				order by received_at desc, delivery_id limit :limit
				""")
			.param("limit", limit)
			.query((rs, n) -> new DeliveryRow(rs.getString("provider"), rs.getString("delivery_id"),
					rs.getString("topic"), rs.getString("outcome"), rs.getString("detail"),
					rs.getTimestamp("received_at").toInstant()))
			.list();
	}

	/** Pending and rejected refunds first, then the latest applied ones. */
	public List<RefundRow> refunds(int limit) {
		return this.jdbc.sql("""
				select refund_id, order_id, amount, status, detail, created_at from shop_refund
				order by status = 'applied', created_at desc limit :limit
				""")
			.param("limit", limit)
			.query((rs, n) -> new RefundRow(rs.getString("refund_id"), rs.getString("order_id"),
					rs.getBigDecimal("amount"), rs.getString("status"), rs.getString("detail"),
					rs.getTimestamp("created_at").toInstant()))
			.list();
	}

}
