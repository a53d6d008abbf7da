package dev.partnerhub.orders.domain;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.partnerhub.programs.ProductSummary;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

@Repository
class OrderRepository {

	private final JdbcClient jdbc;

	OrderRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	boolean exists(String orderId) {
		return this.jdbc.sql("select exists (select 1 from customer_order where order_id = :id)")
			.param("id", orderId)
			.query(Boolean.class)
			.single();
	}

	/** Which of these order ids are stored. */
	Set<String> stored(Set<String> orderIds) {
		return new HashSet<>(this.jdbc.sql("select order_id from customer_order where order_id = any(:ids)")
			.param("ids", new SqlArrayValue("varchar", orderIds.toArray()))
			.query(String.class)
			.list());
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

	/** A line of a new order. */
	record NewItem(int lineNo, ProductSummary product, int quantity, BigDecimal unitPrice, BigDecimal net) {
	}

	/** The new order's row id and its items' ids in line order. */
	record Inserted(long id, List<Long> itemIds) {
	}

	/**
	 * The order and its items in one statement; empty when the order id is taken (unique constraint, ON CONFLICT:
	 * a concurrent insert of the same id is waited for and, once committed, makes this one a replay).
	 */
	Optional<Inserted> insertOrder(String orderId, long contactId, String currency, String status, boolean recurring,
			Instant occurredAt, BigDecimal total, String hash, Long referrerId, String creditRule,
			List<NewItem> items) {
		StringBuilder values = new StringBuilder();
		Map<String, Object> params = new HashMap<>();
		for (int i = 0; i < items.size(); i++) {
			NewItem item = items.get(i);
			values.append(i == 0 ? "" : ", ")
				.append("(" + item.lineNo() + ", ")
				.append("cast(:product%1$d as bigint), cast(:sku%1$d as varchar), cast(:quantity%1$d as integer), "
					.formatted(i))
				.append("cast(:price%1$d as numeric), cast(:net%1$d as numeric))".formatted(i));
			params.put("product" + i, item.product().id());
			params.put("sku" + i, item.product().sku());
			params.put("quantity" + i, item.quantity());
			params.put("price" + i, item.unitPrice());
			params.put("net" + i, item.net());
		}
		params.put("orderId", orderId);
		params.put("contact", contactId);
		params.put("currency", currency);
		params.put("status", status);
		params.put("recurring", recurring);
		params.put("occurredAt", Timestamp.from(occurredAt));
		params.put("total", total);
		params.put("hash", hash);
		params.put("referrer", referrerId);
		params.put("rule", creditRule);
		List<long[]> rows = this.jdbc.sql("""
				with o as (
				    insert into customer_order (order_id, contact_id, currency, status, recurring, occurred_at, total,
				        request_hash, referrer_id, credit_rule)
				    values (:orderId, :contact, :currency, :status, :recurring, :occurredAt, :total, :hash,
				        cast(:referrer as bigint), cast(:rule as varchar))
				    on conflict (order_id) do nothing
				    returning id
				), i as (
				    insert into order_item (order_id, line_no, product_id, sku, quantity, unit_price, line_net)
				    select o.id, v.line_no, v.product_id, v.sku, v.quantity, v.unit_price, v.line_net
				    from o cross join (values %s) as v (line_no, product_id, sku, quantity, unit_price, line_net)
				    returning id, line_no
				)
				select o.id, i.id, i.line_no from o join i on true order by i.line_no
				""".formatted(values))
			.params(params)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.list();
		if (rows.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new Inserted(rows.get(0)[0], rows.stream().map(row -> row[1]).toList()));
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
