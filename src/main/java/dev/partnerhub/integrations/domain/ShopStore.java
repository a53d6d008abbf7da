package dev.partnerhub.integrations.domain;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The shop webhooks' tables (V27): deliveries taken, shop orders booked, refunds. */
@Repository
class ShopStore {

	private final JdbcClient jdbc;

	ShopStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Takes the delivery's id; false when it is taken. A concurrent delivery with the
	 * same id waits here for the first one's transaction: committed, this one is a
	 * duplicate; rolled back, this one goes on.
	 */
	boolean claim(Integration provider, String deliveryId, String topic) {
		return this.jdbc.sql("""
				insert into shop_webhook_delivery (provider, delivery_id, topic, outcome)
				values (:provider, :id, :topic, 'applied') on conflict do nothing
				""").param("provider", provider.key()).param("id", deliveryId).param("topic", topic).update() > 0;
	}

	void outcome(Integration provider, String deliveryId, String outcome, String detail) {
		this.jdbc.sql("""
				update shop_webhook_delivery set outcome = :outcome, detail = :detail
				where provider = :provider and delivery_id = :id
				""")
			.param("outcome", outcome)
			.param("detail", Json.limit(detail == null ? "" : detail, 2000))
			.param("provider", provider.key())
			.param("id", deliveryId)
			.update();
	}

	/**
	 * A transaction-scoped lock on a shop order (booking it, refunding it), released at
	 * commit or rollback.
	 */
	void lock(String orderId) {
		this.jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 27))")
			.param("key", orderId)
			.query()
			.singleRow();
	}

	// --- orders

	record Booked(BigDecimal gross, BigDecimal booked) {
	}

	void booked(Integration provider, String orderId, BigDecimal gross, BigDecimal booked) {
		this.jdbc.sql("""
				insert into shop_order (order_id, provider, gross, booked) values (:id, :provider, :gross, :booked)
				on conflict do nothing
				""")
			.param("id", orderId)
			.param("provider", provider.key())
			.param("gross", gross)
			.param("booked", booked)
			.update();
	}

	Optional<Booked> bookedOf(String orderId) {
		return this.jdbc.sql("select gross, booked from shop_order where order_id = :id")
			.param("id", orderId)
			.query((rs, n) -> new Booked(rs.getBigDecimal("gross"), rs.getBigDecimal("booked")))
			.optional();
	}

	// --- refunds

	/**
	 * Keeps a refund as pending; false when its id is known already (applied, pending or
	 * rejected).
	 */
	boolean keep(Integration provider, ShopRefund refund, String deliveryId) {
		return this.jdbc
			.sql("""
					insert into shop_refund (refund_id, provider, order_id, amount, net, completes, status, detail, delivery_id)
					values (:id, :provider, :order, :amount, :net, :completes, 'pending', 'waiting for its order', :delivery)
					on conflict do nothing
					""")
			.param("id", refund.refundId())
			.param("provider", provider.key())
			.param("order", refund.orderId())
			.param("amount", refund.amount())
			.param("net", refund.net())
			.param("completes", refund.completes())
			.param("delivery", deliveryId)
			.update() > 0;
	}

	/** The order's pending refunds, oldest first (by arrival, then id). */
	List<ShopRefund> pendingOf(String orderId) {
		return this.jdbc.sql("""
				select refund_id, order_id, amount, net, completes from shop_refund
				where order_id = :order and status = 'pending' order by created_at, refund_id
				""")
			.param("order", orderId)
			.query((rs, n) -> new ShopRefund(rs.getString("refund_id"), rs.getString("order_id"),
					rs.getBigDecimal("amount"), rs.getBoolean("net"), rs.getBoolean("completes")))
			.list();
	}

	/**
	 * Booked orders with refunds still pending (at most 100): the sweeper's safety net.
	 */
	List<String> ordersToSettle() {
		return this.jdbc.sql("""
				select distinct r.order_id from shop_refund r join shop_order o on o.order_id = r.order_id
				where r.status = 'pending' limit 100
				""").query(String.class).list();
	}

	boolean isPending(String refundId) {
		return this.jdbc.sql("select exists (select 1 from shop_refund where refund_id = :id and status = 'pending')")
			.param("id", refundId)
			.query(Boolean.class)
			.single();
	}

	/**
	 * What the order's applied gross refunds add up to (the share of the order already
	 * refunded).
	 */
	BigDecimal refundedGross(String orderId) {
		return this.jdbc
			.sql("""
					select coalesce(sum(amount), 0) from shop_refund where order_id = :order and status = 'applied' and not net
					""")
			.param("order", orderId)
			.query(BigDecimal.class)
			.single();
	}

	void refundDone(String refundId, String status, String detail, Instant now) {
		this.jdbc.sql("""
				update shop_refund set status = :status, detail = :detail, applied_at = :now where refund_id = :id
				""")
			.param("status", status)
			.param("detail", Json.limit(detail, 500))
			.param("now", Timestamp.from(now))
			.param("id", refundId)
			.update();
	}

}
