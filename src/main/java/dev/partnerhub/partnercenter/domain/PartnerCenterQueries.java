package dev.partnerhub.partnercenter.domain;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.partnerhub.partners.PartnerStatus;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every read of the partner center, in one place. Each query takes the logged-in partner's id ({@code me}, resolved
 * from the session by {@link #me}) and filters on it in SQL, so a partner can never reach another partner's rows by
 * changing an id in a URL: a row of someone else is simply not found.
 * <p>
 * These are read models over other modules' tables (commission, contact, customer_order, click, promo_tool,
 * payout_item, partner): the public APIs answer one record at a time, the pages need one set-based statement each
 * (no N+1). Writes always go through the owning module's API.
 * <p>
 * No transaction on purpose: each read is one statement, consistent on its own, run in auto-commit. A read-only
 * transaction per call added BEGIN, SET READ ONLY and COMMIT round trips to every query — most of the dashboard's
 * time on a busy machine.
 */
@Repository
public class PartnerCenterQueries {

	/** Sortable list columns: the URL names a key, only these fixed SQL expressions are ever put in ORDER BY. */
	public static final Map<String, String> COMMISSION_SORTS = Map.of("date", "cm.transaction_date", "amount",
			"cm.amount", "paid", "cm.paid_at", "status", "cm.status", "product", "lower(pd.name)");

	public static final Map<String, String> CONTACT_SORTS = Map.of("date", "c.date_added", "name",
			"lower(c.last_name || ' ' || c.first_name)");

	public static final Map<String, String> ORDER_SORTS = Map.of("date", "o.occurred_at", "total", "o.total");

	public static final Map<String, String> PAYMENT_SORTS = Map.of("date", "i.paid_at", "amount", "i.amount");

	public static final Map<String, String> NETWORK_SORTS = Map.of("date", "p.created_at", "name",
			"lower(c.last_name || ' ' || c.first_name)", "sales", "sales");

	private final JdbcClient jdbc;

	PartnerCenterQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The partner behind a login (by the login's contact, never by a parameter); empty for a login without one. */
	public Optional<Me> me(String loginEmail) {
		return this.jdbc.sql(ME_SQL + """
				join partner_login u on u.contact_id = p.contact_id
				where lower(u.email) = lower(:email)
				""").param("email", loginEmail == null ? "" : loginEmail.strip()).query(PartnerCenterQueries::me).optional();
	}

	/** A partner by id, for the console's "preview as a partner" only (admins choose whom to preview). */
	public Optional<Me> meById(long partnerId) {
		return this.jdbc.sql(ME_SQL + " where p.id = :id").param("id", partnerId).query(PartnerCenterQueries::me)
			.optional();
	}

	/** A partner by his code, for the console's preview form. */
	public Optional<Me> meByCode(String code) {
		return this.jdbc.sql(ME_SQL + " where lower(p.code) = lower(:code)")
			.param("code", code == null ? "" : code.strip())
			.query(PartnerCenterQueries::me)
			.optional();
	}

	private static final String ME_SQL = """
			select p.id, p.contact_id, p.program_id, p.code, p.status, p.parent_id, p.payout_email, p.created_at,
			       c.email, c.first_name, c.last_name, pr.name as program_name, pr.currency, pr.tiers
			from partner_directory p
			join contact_directory c on c.id = p.contact_id
			join program_catalog pr on pr.id = p.program_id
			""";

	private static Me me(ResultSet rs, int n) throws SQLException {
		return new Me(rs.getLong("id"), rs.getLong("contact_id"), rs.getLong("program_id"), rs.getString("code"),
				PartnerStatus.of(rs.getString("status")), (Long) rs.getObject("parent_id"),
				rs.getString("payout_email"), instant(rs, "created_at"), rs.getString("email"),
				rs.getString("first_name"), rs.getString("last_name"), rs.getString("program_name"),
				rs.getString("currency"), rs.getInt("tiers"));
	}

	/**
	 * The dashboard's figures for a date range (UTC days, both inclusive), in one statement: clicks and leads, and
	 * his commissions' sales and sums per currency (one row each; amounts of different currencies are never added).
	 */
	public Figures figures(long me, DateRange range) {
		long[] counts = new long[2];
		List<Earnings> earnings = new ArrayList<>();
		this.jdbc.sql("""
				select k.clicks, l.leads, s.currency, s.sales, s.pending, s.approved, s.paid, s.earned
				from (select count(*) as clicks from click_log
				      where partner_id = :me and clicked_at >= :from and clicked_at < :to and not bot) k
				cross join (select count(*) as leads from contact_directory
				      where (first_referrer_id = :me or last_referrer_id = :me)
				        and date_added >= :from and date_added < :to) l
				left join (select currency,
				             count(distinct order_id) filter (where tier = 1 and charge_id is null
				                                                and clawback_of is null) as sales,
				             coalesce(sum(amount) filter (where status = 'pending'), 0) as pending,
				             coalesce(sum(amount) filter (where status = 'approved'), 0) as approved,
				             coalesce(sum(amount) filter (where status = 'paid'), 0) as paid,
				             coalesce(sum(amount) filter (where status in ('pending', 'approved', 'paid')), 0) as earned
				      from commission_ledger
				      where partner_id = :me and transaction_date >= :from and transaction_date < :to
				      group by currency) s on true
				order by s.currency
				""").param("me", me).param("from", ts(range.start())).param("to", ts(range.end()))
			.query((RowCallbackHandler) rs -> {
				counts[0] = rs.getLong("clicks");
				counts[1] = rs.getLong("leads");
				if (rs.getString("currency") != null) {
					earnings.add(new Earnings(rs.getString("currency"), rs.getLong("sales"), money(rs, "pending"),
							money(rs, "approved"), money(rs, "paid"), money(rs, "earned")));
				}
			});
		// an order's tier-1 sale is in one currency, so the sales per currency add up to his distinct sales
		long sales = earnings.stream().mapToLong(Earnings::sales).sum();
		return new Figures(counts[0], counts[1], sales, earnings);
	}

	/**
	 * Earnings in one currency (his program's: a chart adds amounts up, so it never mixes currencies) — pending,
	 * approved and paid commissions, clawbacks deducted — per day or per week (weeks start on Monday), only the
	 * buckets that have any; the caller fills the empty ones.
	 */
	public List<Bucket> earningsOverTime(long me, String currency, DateRange range, boolean weekly) {
		return this.jdbc.sql("""
				select date_trunc(:unit, transaction_date at time zone 'UTC')::date as bucket, sum(amount) as amount
				from commission_ledger
				where partner_id = :me and transaction_date >= :from and transaction_date < :to
				  and status in ('pending', 'approved', 'paid') and currency = :currency
				group by 1 order by 1
				""").param("unit", weekly ? "week" : "day").param("me", me).param("from", ts(range.start()))
			.param("to", ts(range.end()))
			.param("currency", currency)
			.query((rs, n) -> new Bucket(rs.getObject("bucket", LocalDate.class), rs.getBigDecimal("amount")))
			.list();
	}

	/**
	 * Contacts the partner referred as their first or last referrer, with how many orders they placed (paid ones:
	 * an unpaid order from the public form is not a sale until its payment is confirmed).
	 */
	public Page<Referral> referrals(long me, boolean first, Pageable page) {
		String column = first ? "c.first_referrer_id" : "c.last_referrer_id";
		long total = this.jdbc.sql("select count(*) from contact_directory c where " + column + " = :me")
			.param("me", me)
			.query(Long.class)
			.single();
		List<Referral> rows = total == 0 ? List.of() : this.jdbc.sql(referralSelect(first, page.getSort())
				+ " limit :limit offset :offset")
			.param("me", me)
			.param("limit", page.getPageSize())
			.param("offset", page.getOffset())
			.query(REFERRAL_ROW)
			.list();
		return new PageImpl<>(rows, page, total);
	}

	/** Every referred contact of the list, for CSV: streamed in the list's order, only his. */
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

	/** One referred contact of his (first or last referrer), or empty — also for another partner's contact. */
	public Optional<Referral> referral(long me, long contactId) {
		return this.jdbc.sql("""
				select c.id, c.first_name, c.last_name, c.email, c.date_added,
				       (select count(*) from order_ledger o where o.contact_id = c.id and o.status <> 'unpaid') as orders,
				       (select count(*) from order_ledger o where o.contact_id = c.id and o.status = 'open') as open
				from contact_directory c
				where c.id = :id and (c.first_referrer_id = :me or c.last_referrer_id = :me)
				""").param("id", contactId).param("me", me)
			.query((rs, n) -> new Referral(rs.getLong("id"), rs.getString("first_name"), rs.getString("last_name"),
					rs.getString("email"), instant(rs, "date_added"), rs.getLong("orders"), rs.getLong("open")))
			.optional();
	}

	/** A list of his commissions: one statement for the count, one for the page. */
	public Page<CommissionRow> commissions(long me, CommissionFilter filter, Pageable page) {
		Where where = filter.where();
		var count = this.jdbc.sql("select count(*) from commission_ledger cm where cm.partner_id = :me and " + where.sql())
			.param("me", me);
		where.params().forEach(count::param);
		long total = count.query(Long.class).single();
		if (total == 0) {
			return new PageImpl<>(List.of(), page, 0);
		}
		var rows = this.jdbc.sql(COMMISSION_SELECT + " where cm.partner_id = :me and " + where.sql() + " order by "
				+ orderBy(page.getSort(), COMMISSION_SORTS, filter.defaultOrder(), "cm.id") + " limit :limit offset :offset")
			.param("me", me)
			.param("limit", page.getPageSize())
			.param("offset", page.getOffset());
		where.params().forEach(rows::param);
		return new PageImpl<>(rows.query(COMMISSION_ROW).list(), page, total);
	}

	/** Every commission of a list, for CSV: streamed in the list's order, only his. */
	public void eachCommission(long me, CommissionFilter filter, Sort sort, java.util.function.Consumer<CommissionRow> sink) {
		Where where = filter.where();
		var rows = this.jdbc.sql(COMMISSION_SELECT + " where cm.partner_id = :me and " + where.sql() + " order by "
				+ orderBy(sort, COMMISSION_SORTS, filter.defaultOrder(), "cm.id"))
			.param("me", me);
		where.params().forEach(rows::param);
		try (var stream = rows.query(COMMISSION_ROW).stream()) {
			stream.forEach(sink);
		}
	}

	/** One of his commissions, or empty (also when it is another partner's). */
	public Optional<CommissionRow> commission(long me, long id) {
		return this.jdbc.sql(COMMISSION_SELECT + " where cm.id = :id and cm.partner_id = :me")
			.param("id", id)
			.param("me", me)
			.query(COMMISSION_ROW)
			.optional();
	}

	/** Open (recurring) orders he is credited with: customer_order.referrer_id = him and status open. */
	public Page<OpenOrder> openOrders(long me, Pageable page) {
		long total = this.jdbc.sql("select count(*) from order_ledger o where o.referrer_id = :me and o.status = 'open'")
			.param("me", me)
			.query(Long.class)
			.single();
		if (total == 0) {
			return new PageImpl<>(List.of(), page, 0);
		}
		List<OpenOrder> rows = this.jdbc.sql(OPEN_ORDER_SELECT + " where o.referrer_id = :me and o.status = 'open' order by "
				+ orderBy(page.getSort(), ORDER_SORTS, "o.occurred_at desc", "o.id") + " limit :limit offset :offset")
			.param("me", me)
			.param("limit", page.getPageSize())
			.param("offset", page.getOffset())
			.query(OPEN_ORDER_ROW)
			.list();
		return new PageImpl<>(rows, page, total);
	}

	public void eachOpenOrder(long me, Sort sort, java.util.function.Consumer<OpenOrder> sink) {
		try (var stream = this.jdbc.sql(OPEN_ORDER_SELECT + " where o.referrer_id = :me and o.status = 'open' order by "
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
				""").param("me", me).param("since", ts(since))
			.query((rs, n) -> new ProductOption(rs.getLong("id"), rs.getString("sku"), rs.getString("name")))
			.list();
	}

	/** Payout items paid to him. */
	public Page<Payment> payments(long me, Pageable page) {
		long total = this.jdbc.sql("select count(*) from payout_statement i where i.partner_id = :me and i.status = 'paid'")
			.param("me", me)
			.query(Long.class)
			.single();
		if (total == 0) {
			return new PageImpl<>(List.of(), page, 0);
		}
		List<Payment> rows = this.jdbc.sql(PAYMENT_SELECT + " where i.partner_id = :me and i.status = 'paid' order by "
				+ orderBy(page.getSort(), PAYMENT_SORTS, "i.paid_at desc", "i.id") + " limit :limit offset :offset")
			.param("me", me)
			.param("limit", page.getPageSize())
			.param("offset", page.getOffset())
			.query(PAYMENT_ROW)
			.list();
		return new PageImpl<>(rows, page, total);
	}

	public void eachPayment(long me, Sort sort, java.util.function.Consumer<Payment> sink) {
		try (var stream = this.jdbc.sql(PAYMENT_SELECT + " where i.partner_id = :me and i.status = 'paid' order by "
				+ orderBy(sort, PAYMENT_SORTS, "i.paid_at desc", "i.id"))
			.param("me", me)
			.query(PAYMENT_ROW)
			.stream()) {
			stream.forEach(sink);
		}
	}

	/** One payment to him, or empty (also another partner's). */
	public Optional<Payment> payment(long me, long itemId) {
		return this.jdbc.sql(PAYMENT_SELECT + " where i.id = :id and i.partner_id = :me and i.status = 'paid'")
			.param("id", itemId)
			.param("me", me)
			.query(PAYMENT_ROW)
			.optional();
	}

	/** The commissions a payment of his paid (clawbacks deducted included). */
	public List<CommissionRow> commissionsOfPayment(long me, long itemId) {
		return this.jdbc.sql(COMMISSION_SELECT + """
				 join payout_statement_line pic on pic.commission_id = cm.id and pic.released_at is null
				 where pic.item_id = :item and cm.partner_id = :me
				 order by cm.transaction_date desc, cm.id desc
				""").param("item", itemId).param("me", me).query(COMMISSION_ROW).list();
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

	/** Every tier-2 partner of his, for CSV: streamed in the list's order, no e-mail addresses. */
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
				""").param("me", me)
			.query((rs, n) -> new StatusTotal(rs.getString("status"), rs.getString("currency"), rs.getLong("n"),
					money(rs, "amount")))
			.list();
	}

	/** The promo tools of his program. */
	public List<Tool> tools(long programId) {
		return this.jdbc.sql("""
				select id, kind, name, landing_url, alt_text, width, height, image_content_type, email_subject,
				       email_body, lightbox_html
				from promo_tool_catalog where program_id = :program
				order by case kind when 'link' then 1 when 'banner' then 2 when 'email' then 3 else 4 end,
				         lower(name), id
				""").param("program", programId)
			.query((rs, n) -> new Tool(rs.getLong("id"), rs.getString("kind"), rs.getString("name"),
					rs.getString("landing_url"), rs.getString("alt_text"), (Integer) rs.getObject("width"),
					(Integer) rs.getObject("height"), rs.getString("image_content_type") != null,
					rs.getString("email_subject"), rs.getString("email_body"), rs.getString("lightbox_html")))
			.list();
	}

	/**
	 * The report by promo tool or by SubID: clicks (his non-bot clicks), leads (contacts added in the range whose
	 * first or last referrer he is), sales and earnings (his commissions in the range; earnings only those in
	 * {@code currency}, his program's, so a row never adds currencies). Leads, sales and earnings are attributed to
	 * a tool/SubID through the click token stored on the contact's referral trail (V5_2): the referral that names him (sales: the one the order's credit rule used). A partner-code referral, or a trail
	 * a later referral overwrote, has no click: it is reported under "no promo tool" / "no SubID".
	 */
	public List<ReportRow> report(long me, String currency, DateRange range, boolean bySub) {
		String key = bySub ? "k.sub_id" : "k.promo_tool_id::text";
		List<ReportRow> rows = new ArrayList<>();
		Map<String, Object> params = Map.of("me", me, "from", ts(range.start()), "to", ts(range.end()), "currency",
				currency);
		rows.addAll(this.jdbc.sql("""
				select %s as key, count(*) as n from click_log k
				where k.partner_id = :me and k.clicked_at >= :from and k.clicked_at < :to and not k.bot
				group by 1
				""".formatted(key)).params(params)
			.query((rs, n) -> new ReportRow(rs.getString("key"), rs.getLong("n"), 0, 0, BigDecimal.ZERO))
			.list());
		rows.addAll(this.jdbc.sql("""
				select %s as key, count(*) as n from contact_directory c
				left join click_log k on k.partner_id = :me and k.token =
				    case when c.last_referrer_id = :me then c.last_referral else c.first_referral end
				where (c.first_referrer_id = :me or c.last_referrer_id = :me)
				  and c.date_added >= :from and c.date_added < :to
				group by 1
				""".formatted(key)).params(params)
			.query((rs, n) -> new ReportRow(rs.getString("key"), 0, rs.getLong("n"), 0, BigDecimal.ZERO))
			.list());
		rows.addAll(this.jdbc.sql("""
				select %s as key,
				       count(distinct cm.order_id) filter (where cm.tier = 1 and cm.charge_id is null
				                                           and cm.clawback_of is null) as sales,
				       coalesce(sum(cm.amount) filter (where cm.status in ('pending', 'approved', 'paid')
				                                     and cm.currency = :currency), 0) as earned
				from commission_ledger cm
				join order_ledger o on o.id = cm.order_id
				join contact_directory ct on ct.id = o.contact_id
				left join click_log k on k.partner_id = :me and k.token =
				    case when o.credit_rule = 'first' then ct.first_referral else ct.last_referral end
				where cm.partner_id = :me and cm.transaction_date >= :from and cm.transaction_date < :to
				group by 1
				""".formatted(key)).params(params)
			.query((rs, n) -> new ReportRow(rs.getString("key"), 0, 0, rs.getLong("sales"), rs.getBigDecimal("earned")))
			.list());
		return rows;
	}

	private static final String COMMISSION_SELECT = """
			select cm.id, cm.transaction_date, cm.amount, cm.currency, cm.tier, cm.status, cm.sku, pd.name as product,
			       ct.first_name, ct.last_name, cm.paid_at, cm.approved_at, cm.clawback_of, cm.order_id
			from commission_ledger cm
			join contact_directory ct on ct.id = cm.contact_id
			join product_catalog pd on pd.id = cm.product_id""";

	private static final RowMapper<CommissionRow> COMMISSION_ROW = (rs, n) -> new CommissionRow(rs.getLong("id"),
			instant(rs, "transaction_date"), rs.getBigDecimal("amount"), rs.getString("currency"), rs.getInt("tier"),
			rs.getString("status"), rs.getString("sku"), rs.getString("product"),
			(rs.getString("first_name") + " " + rs.getString("last_name")).trim(), instant(rs, "paid_at"),
			instant(rs, "approved_at"), rs.getObject("clawback_of") != null);

	private static final String OPEN_ORDER_SELECT = """
			select o.id, o.occurred_at, o.total, o.currency, ct.first_name, ct.last_name,
			       (select string_agg(distinct pd.name, ', ') from order_lines oi join product_catalog pd on pd.id = oi.product_id
			        where oi.order_id = o.id) as products
			from order_ledger o join contact_directory ct on ct.id = o.contact_id""";

	private static final RowMapper<OpenOrder> OPEN_ORDER_ROW = (rs, n) -> new OpenOrder(rs.getLong("id"),
			instant(rs, "occurred_at"), rs.getBigDecimal("total"), rs.getString("currency"),
			(rs.getString("first_name") + " " + rs.getString("last_name")).trim(), rs.getString("products"));

	private static final String PAYMENT_SELECT = """
			select i.id, i.batch_id, i.amount, i.currency, i.paid_at, i.commission_count, i.payout_email
			from payout_statement i""";

	private static final RowMapper<Payment> PAYMENT_ROW = (rs, n) -> new Payment(rs.getLong("id"),
			rs.getLong("batch_id"), rs.getBigDecimal("amount"), rs.getString("currency"), instant(rs, "paid_at"),
			rs.getInt("commission_count"), rs.getString("payout_email"));

	/** ORDER BY from whitelisted sort keys, with a unique tie-breaker so pages never overlap. */
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

	/** The first character of the local part, then {@code ***}, then the domain. */
	public static String mask(String email) {
		if (email == null || email.isBlank()) {
			return "";
		}
		int at = email.lastIndexOf('@');
		if (at <= 0) {
			return email.charAt(0) + "***";
		}
		return email.charAt(0) + "***" + email.substring(at);
	}

	private static BigDecimal money(ResultSet rs, String column) throws SQLException {
		BigDecimal value = rs.getBigDecimal(column);
		return value == null ? null : value.setScale(2, java.math.RoundingMode.HALF_UP);
	}

	private static Timestamp ts(Instant instant) {
		return Timestamp.from(instant);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

	/** A WHERE fragment over {@code cm} with its parameters. */
	public record Where(String sql, Map<String, Object> params) {
	}

	public record Me(long partnerId, long contactId, long programId, String code, PartnerStatus status,
			Long parentId, String payoutEmail, Instant joinedAt, String email, String firstName, String lastName,
			String programName, String currency, int tiers) {

		public String name() {
			String name = ((this.firstName == null ? "" : this.firstName) + " "
					+ (this.lastName == null ? "" : this.lastName)).trim();
			return name.isEmpty() ? this.email : name;
		}

		public boolean approved() {
			return this.status == PartnerStatus.APPROVED;
		}

	}

	/** Clicks, leads and sales, and his earnings per currency (never one figure over several currencies). */
	public record Figures(long clicks, long leads, long sales, List<Earnings> earnings) {

		/** His earnings in this currency (zero when he has none in it). */
		public Earnings in(String currency) {
			return this.earnings.stream()
				.filter(e -> e.currency().equals(currency))
				.findFirst()
				.orElseGet(() -> Earnings.none(currency));
		}

		/** His earnings in every other currency, each on its own. */
		public List<Earnings> besides(String currency) {
			return this.earnings.stream().filter(e -> !e.currency().equals(currency)).toList();
		}

	}

	/** Commission sums of one currency; {@code sales} counts his tier-1 sales paid in it. */
	public record Earnings(String currency, long sales, BigDecimal pending, BigDecimal approved, BigDecimal paid,
			BigDecimal earned) {

		static Earnings none(String currency) {
			BigDecimal zero = BigDecimal.ZERO.setScale(2);
			return new Earnings(currency, 0, zero, zero, zero, zero);
		}

	}

	public record Bucket(LocalDate start, BigDecimal amount) {
	}

	public record Referral(long id, String firstName, String lastName, String email, Instant dateAdded, long orders,
			long openOrders) {

		/** Privacy: a partner sees who he referred, not their full address ({@code j***@example.com}). */
		public String maskedEmail() {
			return mask(this.email);
		}

		/** "2 orders, 1 open", "no orders yet". */
		public String orderStatus() {
			if (this.orders == 0) {
				return "no orders yet";
			}
			String text = this.orders + (this.orders == 1 ? " order" : " orders");
			return this.openOrders == 0 ? text : text + ", " + this.openOrders + " open";
		}

		public String name() {
			return ((this.firstName == null ? "" : this.firstName) + " " + (this.lastName == null ? "" : this.lastName))
				.trim();
		}

	}

	public record CommissionRow(long id, Instant transactionDate, BigDecimal amount, String currency, int tier,
			String status, String sku, String product, String contactName, Instant paidAt, Instant approvedAt,
			boolean clawback) {
	}

	public record OpenOrder(long id, Instant occurredAt, BigDecimal total, String currency, String contactName,
			String products) {
	}

	public record ProductOption(long id, String sku, String name) {
	}

	public record Payment(long id, long batchId, BigDecimal amount, String currency, Instant paidAt,
			int commissionCount, String payoutEmail) {
	}

	public record NetworkPartner(long id, String firstName, String lastName, Instant joinedAt, String status,
			long sales) {

		public String name() {
			return ((this.firstName == null ? "" : this.firstName) + " " + (this.lastName == null ? "" : this.lastName))
				.trim();
		}

	}

	public record StatusTotal(String status, String currency, long count, BigDecimal amount) {
	}

	public record Tool(long id, String kind, String name, String landingUrl, String altText, Integer width,
			Integer height, boolean hasImage, String emailSubject, String emailBody, String lightboxHtml) {
	}

	/** One source's figures for a tool or SubID key (null = none); the caller adds the rows of equal keys. */
	public record ReportRow(String key, long clicks, long leads, long sales, BigDecimal earnings) {
	}

}
