package dev.partnerhub.orders.domain;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class OrderRepository {

	/** Namespace of the orders module's advisory locks (first key of pg_advisory_xact_lock(int, int)). */
	private static final int LOCK_SPACE = 3;

	private final JdbcClient jdbc;

	OrderRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Serializes requests for one external order id until commit, so concurrent replays wait and then see the
	 * committed order instead of each upserting the contact; the unique constraint stays the final guard.
	 */
	void lockOrderId(String orderId) {
		this.jdbc.sql("select pg_advisory_xact_lock(:space, hashtext(:id))")
			.param("space", LOCK_SPACE)
			.param("id", orderId)
			.query()
			.listOfRows();
	}

	Optional<Order> find(String orderId, boolean forUpdate) {
		Optional<Order> head = this.jdbc.sql("""
				select o.id, o.order_id, o.contact_id, ct.email, o.currency, o.status, o.recurring, o.occurred_at,
				       o.total, o.request_hash, o.referrer_id, o.credit_rule
				from customer_order o join contact ct on ct.id = o.contact_id
				where o.order_id = :id
				""" + (forUpdate ? " for update of o" : ""))
			.param("id", orderId)
			.query((rs, n) -> new Order(rs.getLong("id"), rs.getString("order_id"), rs.getLong("contact_id"),
					rs.getString("email"), rs.getString("currency"), rs.getString("status"),
					rs.getBoolean("recurring"), rs.getTimestamp("occurred_at").toInstant(), rs.getBigDecimal("total"),
					rs.getString("request_hash"), (Long) rs.getObject("referrer_id"), rs.getString("credit_rule"),
					List.of(), List.of(), List.of()))
			.optional();
		return head.map(this::withDetails);
	}

	private Order withDetails(Order o) {
		List<Order.Item> items = this.jdbc.sql("""
				select id, line_no, product_id, sku, quantity, unit_price, line_net
				from order_item where order_id = :order order by line_no
				""")
			.param("order", o.id())
			.query((rs, n) -> new Order.Item(rs.getLong("id"), rs.getInt("line_no"), rs.getLong("product_id"),
					rs.getString("sku"), rs.getInt("quantity"), rs.getBigDecimal("unit_price"),
					rs.getBigDecimal("line_net")))
			.list();
		List<Order.Charge> charges = this.jdbc.sql("""
				select id, charge_id, amount, occurred_at from order_charge where order_id = :order order by id
				""")
			.param("order", o.id())
			.query((rs, n) -> new Order.Charge(rs.getLong("id"), rs.getString("charge_id"), rs.getBigDecimal("amount"),
					rs.getTimestamp("occurred_at").toInstant()))
			.list();
		List<Order.Refund> refunds = this.jdbc.sql("""
				select id, refund_id, requested, amount, occurred_at from order_refund where order_id = :order
				order by id
				""")
			.param("order", o.id())
			.query((rs, n) -> new Order.Refund(rs.getLong("id"), rs.getString("refund_id"),
					rs.getBigDecimal("requested"), rs.getBigDecimal("amount"),
					rs.getTimestamp("occurred_at").toInstant()))
			.list();
		return new Order(o.id(), o.orderId(), o.contactId(), o.email(), o.currency(), o.status(), o.recurring(),
				o.occurredAt(), o.total(), o.requestHash(), o.referrerId(), o.creditRule(), items, charges, refunds);
	}

	long insertOrder(String orderId, long contactId, String currency, String status, boolean recurring,
			Instant occurredAt, BigDecimal total, String hash, Long referrerId, String creditRule) {
		return this.jdbc.sql("""
				insert into customer_order (order_id, contact_id, currency, status, recurring, occurred_at, total,
				    request_hash, referrer_id, credit_rule)
				values (:orderId, :contact, :currency, :status, :recurring, :occurredAt, :total, :hash, :referrer,
				    :rule)
				returning id
				""")
			.param("orderId", orderId)
			.param("contact", contactId)
			.param("currency", currency)
			.param("status", status)
			.param("recurring", recurring)
			.param("occurredAt", Timestamp.from(occurredAt))
			.param("total", total)
			.param("hash", hash)
			.param("referrer", referrerId)
			.param("rule", creditRule)
			.query(Long.class)
			.single();
	}

	long insertItem(long orderId, int lineNo, long productId, String sku, int quantity, BigDecimal unitPrice,
			BigDecimal lineNet) {
		return this.jdbc.sql("""
				insert into order_item (order_id, line_no, product_id, sku, quantity, unit_price, line_net)
				values (:order, :line, :product, :sku, :quantity, :price, :net)
				returning id
				""")
			.param("order", orderId)
			.param("line", lineNo)
			.param("product", productId)
			.param("sku", sku)
			.param("quantity", quantity)
			.param("price", unitPrice)
			.param("net", lineNet)
			.query(Long.class)
			.single();
	}

	long insertCharge(long orderId, String chargeId, BigDecimal amount, Instant occurredAt) {
		return this.jdbc.sql("""
				insert into order_charge (order_id, charge_id, amount, occurred_at)
				values (:order, :charge, :amount, :at) returning id
				""")
			.param("order", orderId)
			.param("charge", chargeId)
			.param("amount", amount)
			.param("at", Timestamp.from(occurredAt))
			.query(Long.class)
			.single();
	}

	long insertRefund(long orderId, String refundId, BigDecimal requested, BigDecimal amount, Instant occurredAt) {
		return this.jdbc.sql("""
				insert into order_refund (order_id, refund_id, requested, amount, occurred_at)
				values (:order, :refund, :requested, :amount, :at) returning id
				""")
			.param("order", orderId)
			.param("refund", refundId)
			.param("requested", requested)
			.param("amount", amount)
			.param("at", Timestamp.from(occurredAt))
			.query(Long.class)
			.single();
	}

	void close(long id, Instant at) {
		this.jdbc.sql("update customer_order set status = 'closed', closed_at = :at where id = :id")
			.param("at", Timestamp.from(at))
			.param("id", id)
			.update();
	}

}
