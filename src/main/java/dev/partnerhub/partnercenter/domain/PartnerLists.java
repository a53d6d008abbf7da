package dev.partnerhub.partnercenter.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.partnerhub.partnercenter.domain.PartnerCenterQueries.CommissionRow;
import dev.partnerhub.partnercenter.domain.PartnerCenterQueries.NetworkPartner;
import dev.partnerhub.partnercenter.domain.PartnerCenterQueries.OpenOrder;
import dev.partnerhub.partnercenter.domain.PartnerCenterQueries.Payment;
import dev.partnerhub.partnercenter.domain.PartnerCenterQueries.ProductOption;
import dev.partnerhub.partnercenter.domain.PartnerCenterQueries.Referral;
import dev.partnerhub.partnercenter.domain.PartnerCenterQueries.StatusTotal;
import dev.partnerhub.partnercenter.domain.PartnerCenterQueries.Where;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static dev.partnerhub.partnercenter.domain.PartnerCenterQueries.COMMISSION_ROW;
import static dev.partnerhub.partnercenter.domain.PartnerCenterQueries.COMMISSION_SELECT;
import static dev.partnerhub.partnercenter.domain.PartnerCenterQueries.PAYMENT_ROW;
import static dev.partnerhub.partnercenter.domain.PartnerCenterQueries.PAYMENT_SELECT;
import static dev.partnerhub.partnercenter.domain.PartnerCenterQueries.instant;
import static dev.partnerhub.partnercenter.domain.PartnerCenterQueries.money;
import static dev.partnerhub.partnercenter.domain.PartnerCenterQueries.ts;

/**
 * The partner center's lists of one partner — referred contacts, commissions, open
 * orders, payments, his tier-2 network — a page at a time (one statement for the count,
 * one for the page) or streamed for CSV, sorted only by the whitelisted keys below. Every
 * query filters on the logged-in partner's id ({@code me}), as
 * {@link PartnerCenterQueries} explains; no transaction, for the same reason.
 */
@Repository
public class PartnerLists {

	/**
	 * Sortable list columns: the URL names a key, only these fixed SQL expressions are
	 * ever put in ORDER BY.
	 */
	public static final Map<String, String> COMMISSION_SORTS = Map.of("date", "cm.transaction_date", "amount",
			"cm.amount", "paid", "cm.paid_at", "status", "cm.status", "product", "lower(pd.name)");

	public static final Map<String, String> CONTACT_SORTS = Map.of("date", "c.date_added", "name",
			"lower(c.last_name || ' ' || c.first_name)");

	public static final Map<String, String> ORDER_SORTS = Map.of("date", "o.occurred_at", "total", "o.total");

	public static final Map<String, String> PAYMENT_SORTS = Map.of("date", "i.paid_at", "amount", "i.amount");

	public static final Map<String, String> NETWORK_SORTS = Map.of("date", "p.created_at", "name",
			"lower(c.last_name || ' ' || c.first_name)", "sales", "sales");

	private final JdbcClient jdbc;

	PartnerLists(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Contacts the partner referred as their first or last referrer, with how many orders
	 * they placed (paid ones: an unpaid order from the public form is not a sale until
	 * its payment is confirmed).
	 */
	public Page<Referral> referrals(long me, boolean first, Pageable page) {
		String column = first ? "c.first_referrer_id" : "c.last_referrer_id";
		long total = this.jdbc.sql("select count(*) from contact_directory c where " + column + " = :me")
			.param("me", me)
			.query(Long.class)
			.single();
		List<Referral> rows = total == 0 ? List.of()
				: this.jdbc.sql(referralSelect(first, page.getSort()) + " limit :limit offset :offset")
					.param("me", me)
					.param("limit", page.getPageSize())
					.param("offset", page.getOffset())
					.query(REFERRAL_ROW)
					.list();
		return new PageImpl<>(rows, page, total);
	}

	/**
	 * Every referred contact of the list, for CSV: streamed in the list's order, only
	 * his.
	 */
	public void eachReferral(long me, boolean first, Sort sort, java.util.function.Consumer<Referral> sink) {
		try (var stream = this.jdbc.sql(referralSelect(first, sort)).param("me", me).query(REFERRAL_ROW).stream()) {
			stream.forEach(sink);
		}
	}

	private static String referralSelect(boolean first, Sort sort) {
		return """
				select c.id, c.first_name, c.last_name, c.email, c.date_added, coalesce(o.orders, 0) as orders,
				       coalesce(o.open, 0) as open
				from contact_directory c
				left join lateral (select count(*) as orders, count(*) filter (where status = 'open') as open
				                   from order_ledger o where o.contact_id = c.id and o.status <> 'unpaid') o on true
				where %s = :me
				order by %s
				""".formatted(first ? "c.first_referrer_id" : "c.last_referrer_id",
				orderBy(sort, CONTACT_SORTS, "c.date_added desc", "c.id"));
	}

	private static final RowMapper<Referral> REFERRAL_ROW = (rs, n) -> new Referral(rs.getLong("id"),
			rs.getString("first_name"), rs.getString("last_name"), rs.getString("email"), instant(rs, "date_added"),
			rs.getLong("orders"), rs.getLong("open"));

	/** A list of his commissions: one statement for the count, one for the page. */
	public Page<CommissionRow> commissions(long me, CommissionFilter filter, Pageable page) {
		Where where = filter.where();
		var count = this.jdbc
			.sql("select count(*) from commission_ledger cm where cm.partner_id = :me and " + where.sql())
			.param("me", me);
		where.params().forEach(count::param);
		long total = count.query(Long.class).single();
		if (total == 0) {
			return new PageImpl<>(List.of(), page, 0);
		}
		var rows = this.jdbc
			.sql(COMMISSION_SELECT + " where cm.partner_id = :me and " + where.sql() + " order by "
					+ orderBy(page.getSort(), COMMISSION_SORTS, filter.defaultOrder(), "cm.id")
					+ " limit :limit offset :offset")
			.param("me", me)
			.param("limit", page.getPageSize())
			.param("offset", page.getOffset());
		where.params().forEach(rows::param);
		return new PageImpl<>(rows.query(COMMISSION_ROW).list(), page, total);
	}

	/** Every commission of a list, for CSV: streamed in the list's order, only his. */
	public void eachCommission(long me, CommissionFilter filter, Sort sort,
			java.util.function.Consumer<CommissionRow> sink) {
		Where where = filter.where();
		var rows = this.jdbc
			.sql(COMMISSION_SELECT + " where cm.partner_id = :me and " + where.sql() + " order by "
					+ orderBy(sort, COMMISSION_SORTS, filter.defaultOrder(), "cm.id"))
			.param("me", me);
		where.params().forEach(rows::param);
		try (var stream = rows.query(COMMISSION_ROW).stream()) {
			stream.forEach(sink);
		}
	}

	/**
	 * Open (recurring) orders he is credited with: customer_order.referrer_id = him and
	 * status open.
	 */
	public Page<OpenOrder> openOrders(long me, Pageable page) {
		long total = this.jdbc
			.sql("select count(*) from order_ledger o where o.referrer_id = :me and o.status = 'open'")
			.param("me", me)
			.query(Long.class)
			.single();
		if (total == 0) {
			return new PageImpl<>(List.of(), page, 0);
		}
		List<OpenOrder> rows = this.jdbc
			.sql(OPEN_ORDER_SELECT + " where o.referrer_id = :me and o.status = 'open' order by "
					+ orderBy(page.getSort(), ORDER_SORTS, "o.occurred_at desc", "o.id")
					+ " limit :limit offset :offset")
			.param("me", me)
			.param("limit", page.getPageSize())
			.param("offset", page.getOffset())
			.query(OPEN_ORDER_ROW)
			.list();
		return new PageImpl<>(rows, page, total);
	}

	public void eachOpenOrder(long me, Sort sort, java.util.function.Consumer<OpenOrder> sink) {
		try (var stream = this.jdbc
			.sql(OPEN_ORDER_SELECT + " where o.referrer_id = :me and o.status = 'open' order by "
					+ orderBy(sort, ORDER_SORTS, "o.occurred_at desc", "o.id"))
			.param("me", me)
			.query(OPEN_ORDER_ROW)
			.stream()) {
			stream.forEach(sink);
		}
	}

	/** Products he earned on in the last days (the product filter's choices). */
	public List<ProductOption> productsSince(long me, Instant since) {
		return this.jdbc.sql("""
				select pd.id, pd.sku, pd.name from product_catalog pd
				where pd.id in (select distinct product_id from commission_ledger
				                where partner_id = :me and transaction_date >= :since)
				order by lower(pd.name), pd.id
				""")
			.param("me", me)
			.param("since", ts(since))
			.query((rs, n) -> new ProductOption(rs.getLong("id"), rs.getString("sku"), rs.getString("name")))
			.list();
	}

	/** Payout items paid to him. */
	public Page<Payment> payments(long me, Pageable page) {
		long total = this.jdbc
			.sql("select count(*) from payout_statement i where i.partner_id = :me and i.status = 'paid'")
			.param("me", me)
			.query(Long.class)
			.single();
		if (total == 0) {
			return new PageImpl<>(List.of(), page, 0);
		}
		List<Payment> rows = this.jdbc
			.sql(PAYMENT_SELECT + " where i.partner_id = :me and i.status = 'paid' order by "
					+ orderBy(page.getSort(), PAYMENT_SORTS, "i.paid_at desc", "i.id") + " limit :limit offset :offset")
			.param("me", me)
			.param("limit", page.getPageSize())
			.param("offset", page.getOffset())
			.query(PAYMENT_ROW)
			.list();
		return new PageImpl<>(rows, page, total);
	}

	public void eachPayment(long me, Sort sort, java.util.function.Consumer<Payment> sink) {
		try (var stream = this.jdbc
			.sql(PAYMENT_SELECT + " where i.partner_id = :me and i.status = 'paid' order by "
					+ orderBy(sort, PAYMENT_SORTS, "i.paid_at desc", "i.id"))
			.param("me", me)
			.query(PAYMENT_ROW)
			.stream()) {
			stream.forEach(sink);
		}
	}

	/** Partners whose parent is him (tier 2), with their sales; no e-mail addresses. */
	public Page<NetworkPartner> network(long me, Pageable page) {
		long total = this.jdbc.sql("select count(*) from partner_directory p where p.parent_id = :me")
			.param("me", me)
			.query(Long.class)
			.single();
		if (total == 0) {
			return new PageImpl<>(List.of(), page, 0);
		}
		List<NetworkPartner> rows = this.jdbc.sql(networkSelect(page.getSort()) + " limit :limit offset :offset")
			.param("me", me)
			.param("limit", page.getPageSize())
			.param("offset", page.getOffset())
			.query(NETWORK_ROW)
			.list();
		return new PageImpl<>(rows, page, total);
	}

	/**
	 * Every tier-2 partner of his, for CSV: streamed in the list's order, no e-mail
	 * addresses.
	 */
	public void eachNetworkPartner(long me, Sort sort, java.util.function.Consumer<NetworkPartner> sink) {
		try (var stream = this.jdbc.sql(networkSelect(sort)).param("me", me).query(NETWORK_ROW).stream()) {
			stream.forEach(sink);
		}
	}

	private static String networkSelect(Sort sort) {
		return """
				select p.id, c.first_name, c.last_name, p.created_at, p.status,
				       (select count(distinct cm.order_id) from commission_ledger cm
				        where cm.partner_id = p.id and cm.tier = 1 and cm.charge_id is null
				          and cm.clawback_of is null) as sales
				from partner_directory p join contact_directory c on c.id = p.contact_id
				where p.parent_id = :me
				order by %s
				""".formatted(orderBy(sort, NETWORK_SORTS, "p.created_at desc", "p.id"));
	}

	private static final RowMapper<NetworkPartner> NETWORK_ROW = (rs, n) -> new NetworkPartner(rs.getLong("id"),
			rs.getString("first_name"), rs.getString("last_name"), instant(rs, "created_at"), rs.getString("status"),
			rs.getLong("sales"));

	/** Their tier-2 commissions per status and currency. */
	public List<StatusTotal> tier2Earnings(long me) {
		return this.jdbc.sql("""
				select status, currency, count(*) as n, sum(amount) as amount from commission_ledger
				where partner_id = :me and tier = 2 group by status, currency order by status, currency
				""")
			.param("me", me)
			.query((rs, n) -> new StatusTotal(rs.getString("status"), rs.getString("currency"), rs.getLong("n"),
					money(rs, "amount")))
			.list();
	}

	private static final String OPEN_ORDER_SELECT = """
			select o.id, o.occurred_at, o.total, o.currency, ct.first_name, ct.last_name,
			       (select string_agg(distinct pd.name, ', ') from order_lines oi join product_catalog pd on pd.id = oi.product_id
			        where oi.order_id = o.id) as products
			from order_ledger o join contact_directory ct on ct.id = o.contact_id""";

	private static final RowMapper<OpenOrder> OPEN_ORDER_ROW = (rs, n) -> new OpenOrder(rs.getLong("id"),
			instant(rs, "occurred_at"), rs.getBigDecimal("total"), rs.getString("currency"),
			(rs.getString("first_name") + " " + rs.getString("last_name")).trim(), rs.getString("products"));

	/**
	 * ORDER BY from whitelisted sort keys, with a unique tie-breaker so pages never
	 * overlap.
	 */
	static String orderBy(Sort sort, Map<String, String> sortable, String fallback, String tieBreaker) {
		List<String> parts = new ArrayList<>();
		for (Sort.Order order : sort) {
			String column = sortable.get(order.getProperty());
			if (column != null) {
				parts.add(column + (order.isDescending() ? " desc nulls last" : " asc nulls last"));
			}
		}
		if (parts.isEmpty()) {
			parts.add(fallback);
		}
		boolean descending = parts.get(0).contains(" desc");
		parts.add(tieBreaker + (descending ? " desc" : " asc"));
		return String.join(", ", parts);
	}

}
