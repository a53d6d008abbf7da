package dev.partnerhub.orders.domain;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.partnerhub.programs.ProductSummary;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

/**
 * Plain SQL on the orders' tables for the order path: group-committed multi-row inserts,
 * row locks, conditional updates. A hot path, so not a Spring Data aggregate
 * (docs/architecture.md, "Persistence").
 */
@Component
class OrderStore {

	private final JdbcClient jdbc;

	OrderStore(JdbcClient jdbc) {
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
				       o.total, o.request_hash, o.referrer_id, o.credit_rule, o.coupon_code
				from customer_order o join contact_directory ct on ct.id = o.contact_id
				where o.order_id = :id
				""" + (forUpdate ? " for update of o" : ""))
			.param("id", orderId)
			.query((rs, n) -> new Order(rs.getLong("id"), rs.getString("order_id"), rs.getLong("contact_id"),
					rs.getString("email"), rs.getString("currency"), rs.getString("status"), rs.getBoolean("recurring"),
					rs.getTimestamp("occurred_at").toInstant(), rs.getBigDecimal("total"), rs.getString("request_hash"),
					(Long) rs.getObject("referrer_id"), rs.getString("credit_rule"), List.of(), List.of(), List.of(),
					rs.getString("coupon_code")))
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
				select id, refund_id, requested, amount, occurred_at, of_sale, of_charge_id from order_refund
				where order_id = :order order by id
				""")
			.param("order", o.id())
			.query((rs, n) -> new Order.Refund(rs.getLong("id"), rs.getString("refund_id"),
					rs.getBigDecimal("requested"), rs.getBigDecimal("amount"),
					rs.getTimestamp("occurred_at").toInstant(), rs.getBoolean("of_sale"),
					(Long) rs.getObject("of_charge_id")))
			.list();
		return new Order(o.id(), o.orderId(), o.contactId(), o.email(), o.currency(), o.status(), o.recurring(),
				o.occurredAt(), o.total(), o.requestHash(), o.referrerId(), o.creditRule(), items, charges, refunds,
				o.couponCode());
	}

	/** A line of a new order. */
	record NewItem(int lineNo, ProductSummary product, int quantity, BigDecimal unitPrice, BigDecimal net) {
	}

	/** The new order's row id and its items' ids in line order. */
	record Inserted(long id, List<Long> itemIds) {
	}

	/**
	 * A new order's row; {@code couponCode} the coupon that chose the referrer, if one
	 * did.
	 */
	record NewOrder(String orderId, long contactId, String currency, String status, boolean recurring,
			Instant occurredAt, BigDecimal total, String hash, @Nullable Long referrerId, @Nullable String creditRule,
			List<NewItem> items, @Nullable String couponCode) {
	}

	private static final String INSERT_ORDERS = """
			with o as (
			    insert into customer_order (order_id, contact_id, currency, status, recurring, occurred_at, total,
			        request_hash, referrer_id, credit_rule, coupon_code)
			    select v.order_id, v.contact_id, v.currency, v.status, v.recurring, cast(v.occurred_at as timestamptz),
			        v.total, v.request_hash, v.referrer_id, v.credit_rule, v.coupon_code
			    from unnest(:orderIds, :contacts, :currencies, :statuses, :recurring, :occurredAts, :totals, :hashes,
			        :referrers, :rules, :coupons) with ordinality
			        as v (order_id, contact_id, currency, status, recurring, occurred_at, total, request_hash,
			              referrer_id, credit_rule, coupon_code, n)
			    order by v.n
			    on conflict (order_id) do nothing
			    returning id, order_id
			), i as (
			    insert into order_item (order_id, line_no, product_id, sku, quantity, unit_price, line_net)
			    select o.id, w.line_no, w.product_id, w.sku, w.quantity, w.unit_price, w.line_net
			    from unnest(:itemOrders, :lineNos, :products, :skus, :quantities, :prices, :nets) with ordinality
			        as w (order_key, line_no, product_id, sku, quantity, unit_price, line_net, m)
			    join o on o.order_id = w.order_key
			    -- item ids in line order whatever join the planner picks (one-by-one and batched orders match)
			    order by w.m
			    returning id, order_id, line_no
			)
			select o.order_id, o.id, i.id as item_id, i.line_no from o join i on i.order_id = o.id
			""";

	/**
	 * The orders and their items in one statement (arrays: one text and plan whatever the
	 * count). An order whose id is taken is left out of the answer (unique constraint, ON
	 * CONFLICT: a concurrent insert of the same id is waited for and, once committed,
	 * makes this one a replay); the others are keyed by order id.
	 */
	Map<String, Inserted> insertOrders(List<NewOrder> orders) {
		int n = orders.size();
		String[] orderIds = new String[n];
		Long[] contacts = new Long[n];
		String[] currencies = new String[n];
		String[] statuses = new String[n];
		Boolean[] recurring = new Boolean[n];
		String[] occurredAts = new String[n];
		BigDecimal[] totals = new BigDecimal[n];
		String[] hashes = new String[n];
		Long[] referrers = new Long[n];
		String[] rules = new String[n];
		String[] coupons = new String[n];
		List<String> itemOrders = new ArrayList<>();
		List<Integer> lineNos = new ArrayList<>();
		List<Long> products = new ArrayList<>();
		List<String> skus = new ArrayList<>();
		List<Integer> quantities = new ArrayList<>();
		List<BigDecimal> prices = new ArrayList<>();
		List<BigDecimal> nets = new ArrayList<>();
		for (int k = 0; k < n; k++) {
			NewOrder o = orders.get(k);
			orderIds[k] = o.orderId();
			contacts[k] = o.contactId();
			currencies[k] = o.currency();
			statuses[k] = o.status();
			recurring[k] = o.recurring();
			occurredAts[k] = o.occurredAt().toString();
			totals[k] = o.total();
			hashes[k] = o.hash();
			referrers[k] = o.referrerId();
			rules[k] = o.creditRule();
			coupons[k] = o.couponCode();
			for (NewItem item : o.items()) {
				itemOrders.add(o.orderId());
				lineNos.add(item.lineNo());
				products.add(item.product().id());
				skus.add(item.product().sku());
				quantities.add(item.quantity());
				prices.add(item.unitPrice());
				nets.add(item.net());
			}
		}
		Map<String, Long> ids = new HashMap<>();
		Map<String, Map<Integer, Long>> items = new HashMap<>();
		this.jdbc.sql(INSERT_ORDERS)
			.param("orderIds", new SqlArrayValue("varchar", (Object[]) orderIds))
			.param("contacts", new SqlArrayValue("bigint", (Object[]) contacts))
			.param("currencies", new SqlArrayValue("varchar", (Object[]) currencies))
			.param("statuses", new SqlArrayValue("varchar", (Object[]) statuses))
			.param("recurring", new SqlArrayValue("bool", (Object[]) recurring))
			.param("occurredAts", new SqlArrayValue("varchar", (Object[]) occurredAts))
			.param("totals", new SqlArrayValue("numeric", (Object[]) totals))
			.param("hashes", new SqlArrayValue("varchar", (Object[]) hashes))
			.param("referrers", new SqlArrayValue("bigint", (Object[]) referrers))
			.param("rules", new SqlArrayValue("varchar", (Object[]) rules))
			.param("coupons", new SqlArrayValue("varchar", (Object[]) coupons))
			.param("itemOrders", new SqlArrayValue("varchar", itemOrders.toArray()))
			.param("lineNos", new SqlArrayValue("int4", lineNos.toArray()))
			.param("products", new SqlArrayValue("bigint", products.toArray()))
			.param("skus", new SqlArrayValue("varchar", skus.toArray()))
			.param("quantities", new SqlArrayValue("int4", quantities.toArray()))
			.param("prices", new SqlArrayValue("numeric", prices.toArray()))
			.param("nets", new SqlArrayValue("numeric", nets.toArray()))
			.query((RowCallbackHandler) rs -> {
				String orderId = rs.getString("order_id");
				ids.put(orderId, rs.getLong("id"));
				items.computeIfAbsent(orderId, key -> new HashMap<>()).put(rs.getInt("line_no"), rs.getLong("item_id"));
			});
		Map<String, Inserted> inserted = new HashMap<>();
		for (NewOrder o : orders) {
			Long id = ids.get(o.orderId());
			if (id != null) {
				Map<Integer, Long> lines = items.get(o.orderId());
				inserted.put(o.orderId(),
						new Inserted(id, o.items().stream().map(i -> lines.get(i.lineNo())).toList()));
			}
		}
		return inserted;
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
		return insertRefund(orderId, refundId, requested, amount, occurredAt, false, null);
	}

	/**
	 * @param ofSale of the initial sale only; @param ofCharge of this charge (row id)
	 * only
	 */
	long insertRefund(long orderId, String refundId, BigDecimal requested, BigDecimal amount, Instant occurredAt,
			boolean ofSale, Long ofCharge) {
		return this.jdbc.sql("""
				insert into order_refund (order_id, refund_id, requested, amount, occurred_at, of_sale, of_charge_id)
				values (:order, :refund, :requested, :amount, :at, :ofSale, :ofCharge) returning id
				""")
			.param("order", orderId)
			.param("refund", refundId)
			.param("requested", requested)
			.param("amount", amount)
			.param("at", Timestamp.from(occurredAt))
			.param("ofSale", ofSale)
			.param("ofCharge", ofCharge)
			.query(Long.class)
			.single();
	}

	/**
	 * What {@link #claimUnpaid} took over: the order's row id and the click token that
	 * came with its form.
	 */
	record Claimed(long id, @Nullable String referral) {
	}

	/**
	 * Marks an unpaid order paid (completed) at {@code at}; empty when it is not unpaid
	 * (paid already, by this or a concurrent call, or never unpaid). The conditional
	 * update is the guard: a concurrent call waits for the row and then finds it paid, so
	 * the order is credited once.
	 */
	Optional<Claimed> claimUnpaid(String orderId, Instant at) {
		return this.jdbc.sql("""
				update customer_order set status = 'completed', paid_at = :at
				where order_id = :id and status = 'unpaid'
				returning id, referral
				""")
			.param("at", Timestamp.from(at))
			.param("id", orderId)
			.query((rs, n) -> new Claimed(rs.getLong("id"), rs.getString("referral")))
			.optional();
	}

	/** When the order's payment was confirmed; null for orders that arrived paid. */
	Instant paidAt(long id) {
		List<Instant> at = this.jdbc.sql("select paid_at from customer_order where id = :id")
			.param("id", id)
			.query((rs, n) -> rs.getTimestamp("paid_at") == null ? null : rs.getTimestamp("paid_at").toInstant())
			.list();
		return at.isEmpty() ? null : at.get(0);
	}

	/**
	 * Keeps the click token that came with an unpaid order's form, for when its payment
	 * is confirmed.
	 */
	void rememberReferral(long id, String referral) {
		this.jdbc.sql("update customer_order set referral = :referral where id = :id")
			.param("referral", referral)
			.param("id", id)
			.update();
	}

	/**
	 * The attribution decided when an unpaid order's payment is confirmed (as the API
	 * decides it at order time).
	 */
	void attribute(long id, Long referrerId, String creditRule) {
		this.jdbc.sql("update customer_order set referrer_id = :referrer, credit_rule = :rule where id = :id")
			.param("referrer", referrerId)
			.param("rule", creditRule)
			.param("id", id)
			.update();
	}

	void close(long id, Instant at) {
		this.jdbc.sql("update customer_order set status = 'closed', closed_at = :at where id = :id")
			.param("at", Timestamp.from(at))
			.param("id", id)
			.update();
	}

}
