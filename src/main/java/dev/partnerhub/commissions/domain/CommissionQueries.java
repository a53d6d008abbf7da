package dev.partnerhub.commissions.domain;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javax.sql.DataSource;

import dev.partnerhub.commissions.CommissionAdjustment;
import dev.partnerhub.commissions.CommissionDetail;
import dev.partnerhub.commissions.CommissionStatus;
import dev.partnerhub.support.DayRange;
import dev.partnerhub.support.InvalidInputException;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The commission lists (API and console): one filter, one set of joins. Partner, contact,
 * order and program tables belong to other modules; they are only read here, as plain
 * SQL.
 */
@Service
@Transactional(readOnly = true)
public class CommissionQueries {

	public static final int MAX_SIZE = 500;

	/**
	 * Sortable properties of the console list and the SQL they sort by; anything else is
	 * newest first.
	 */
	private static final Map<String, String> SORTABLE = Map.of("date", "c.transaction_date", "amount", "c.amount",
			"partner", "lower(p.code)", "status", "c.status");

	public static final Sort DEFAULT_SORT = Sort.by(Sort.Direction.DESC, "date");

	private static final String SELECT = """
			select c.id, p.code, ct.email, o.order_id, c.sku, c.tier, c.amount, c.currency, c.status,
			       c.transaction_date, c.approved_at, c.paid_at, c.reason, c.clawback_of, g.name as program_name,
			       c.order_currency, c.exchange_rate, c.rate_day, c.partner_id, c.kind
			""";

	private static final String FROM = """
			from commission c
			join partner_directory p on p.id = c.partner_id
			join program_catalog g on g.id = c.program_id
			join contact_directory ct on ct.id = c.contact_id
			left join order_ledger o on o.id = c.order_id
			""";

	/**
	 * Enough for counting and summing: every filter condition is on the commission or its
	 * partner.
	 */
	private static final String FROM_COUNTED = """
			from commission c
			join partner_directory p on p.id = c.partner_id
			""";

	private final JdbcClient jdbc;

	/**
	 * Fetches in chunks so a CSV export of every commission does not hold them all in
	 * memory.
	 */
	private final JdbcClient streaming;

	CommissionQueries(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
		JdbcTemplate template = new JdbcTemplate(dataSource);
		template.setFetchSize(500);
		this.streaming = JdbcClient.create(template);
	}

	/**
	 * Filters as they arrive from the query string; blank means "any". Dates are
	 * yyyy-MM-dd (UTC) or instants. {@code program} is the earning partner's current
	 * program (the commission row does not keep the program).
	 */
	public record Filter(@Nullable String partner, @Nullable String status, @Nullable String sku, @Nullable String from,
			@Nullable String to, @Nullable Long program) {

		public Filter(@Nullable String partner, @Nullable String status, @Nullable String sku, @Nullable String from,
				@Nullable String to) {
			this(partner, status, sku, from, to, null);
		}

	}

	/**
	 * @param clawbackOf the paid commission a negative clawback takes back
	 * @param orderCurrency the order's currency when the commission was converted into
	 * its program's (else null)
	 * @param exchangeRate the rate it was converted at, {@code rateDay} the day of that
	 * rate (else null)
	 * @param kind {@code sale}, {@code bonus} or {@code lead} (the last two have no order
	 * and no sku)
	 */
	public record Row(long id, String partnerCode, String contactEmail, @Nullable String orderId, @Nullable String sku,
			int tier, BigDecimal amount, String currency, String status, Instant transactionDate,
			@Nullable Instant approvedAt, @Nullable Instant paidAt, String reason, @Nullable Long clawbackOf,
			String programName, @Nullable String orderCurrency, @Nullable BigDecimal exchangeRate,
			@Nullable LocalDate rateDay, long partnerId, String kind) {

		public boolean clawback() {
			return this.clawbackOf != null;
		}

	}

	public record Page(List<Row> items, int page, int size, long total) {
	}

	/**
	 * Count and sum of one status (and currency: amounts of different currencies are
	 * never added up).
	 */
	public record StatusTotal(String status, String currency, long count, BigDecimal amount) {
	}

	/** A console page of commissions and the totals of the whole filter. */
	public record Listing(org.springframework.data.domain.Page<Row> rows, List<StatusTotal> totals) {
	}

	public static boolean isSortable(String property) {
		return SORTABLE.containsKey(property);
	}

	/** The API list: newest first, total as a window count. */
	public Page list(Filter filter, int page, int size) {
		if (page < 0) {
			throw new InvalidInputException("page", "Page must be 0 or more.");
		}
		if (size < 1) {
			throw new InvalidInputException("size", "Size must be 1 or more.");
		}
		int limit = Math.min(size, MAX_SIZE);
		Map<String, Object> params = new LinkedHashMap<>();
		String where = where(filter, params);
		long[] total = { -1 };
		List<Row> rows = this.jdbc
			.sql(SELECT + ", count(*) over () as total\n" + FROM + where
					+ "order by c.transaction_date desc, c.id desc limit :limit offset :offset")
			.params(params)
			.param("limit", limit)
			.param("offset", (long) page * limit)
			.query((rs, n) -> {
				total[0] = rs.getLong("total");
				return row(rs, n);
			})
			.list();
		if (total[0] < 0) {
			// A page past the end has no row to carry the window count.
			total[0] = page == 0 ? 0
					: this.jdbc.sql("select count(*) " + FROM_COUNTED + where)
						.params(params)
						.query(Long.class)
						.single();
		}
		return new Page(rows, page, limit, total[0]);
	}

	/**
	 * The console list: one page in the asked order, and count and sum per status over
	 * every matching row.
	 */
	public Listing find(Filter filter, Pageable pageable) {
		List<StatusTotal> totals = totals(filter);
		long total = totals.stream().mapToLong(StatusTotal::count).sum();
		if (total == 0 || pageable.getOffset() >= total) {
			return new Listing(new PageImpl<>(List.of(), pageable, total), totals);
		}
		Map<String, Object> params = new LinkedHashMap<>();
		String sql = SELECT + FROM + where(filter, params) + orderBy(pageable.getSort())
				+ " limit :limit offset :offset";
		List<Row> rows = this.jdbc.sql(sql)
			.params(params)
			.param("limit", pageable.getPageSize())
			.param("offset", pageable.getOffset())
			.query(CommissionQueries::row)
			.list();
		return new Listing(new PageImpl<>(rows, pageable, total), totals);
	}

	/**
	 * One aggregate query: count and sum per status (and currency) of everything the
	 * filter matches.
	 */
	public List<StatusTotal> totals(Filter filter) {
		Map<String, Object> params = new LinkedHashMap<>();
		return this.jdbc
			.sql("select c.status, c.currency, count(*) as n, sum(c.amount) as amount " + FROM_COUNTED
					+ where(filter, params) + "group by c.status, c.currency order by c.status, c.currency")
			.params(params)
			.query((rs, n) -> new StatusTotal(rs.getString("status"), rs.getString("currency"), rs.getLong("n"),
					rs.getBigDecimal("amount")))
			.list();
	}

	/** Every matching commission in list order, one at a time (CSV export). */
	public void forEach(Filter filter, Sort sort, Consumer<Row> action) {
		Map<String, Object> params = new LinkedHashMap<>();
		this.streaming.sql(SELECT + FROM + where(filter, params) + orderBy(sort))
			.params(params)
			.query((RowCallbackHandler) rs -> action.accept(row(rs, 0)));
	}

	public List<CommissionDetail> detailsOfOrder(long orderId) {
		return this.jdbc.sql("""
				select c.id, c.partner_id, p.code, c.tier, c.sku, c.original_amount, c.amount, c.currency, c.status,
				       c.reason, c.transaction_date, ch.charge_id as charge_label, c.clawback_of,
				       r.refund_id as refund_label, c.approved_at, c.paid_at
				from commission c
				join partner_directory p on p.id = c.partner_id
				left join order_charge_labels ch on ch.id = c.charge_id
				left join order_refund_labels r on r.id = c.refund_id
				where c.order_id = :order
				order by c.id
				""")
			.param("order", orderId)
			.query((rs, n) -> new CommissionDetail(rs.getLong("id"), rs.getLong("partner_id"), rs.getString("code"),
					rs.getInt("tier"), rs.getString("sku"), rs.getBigDecimal("original_amount"),
					rs.getBigDecimal("amount"), rs.getString("currency"), CommissionStatus.of(rs.getString("status")),
					rs.getString("reason"), instant(rs.getTimestamp("transaction_date")), rs.getString("charge_label"),
					rs.getObject("clawback_of", Long.class), rs.getString("refund_label"),
					instant(rs.getTimestamp("approved_at")), instant(rs.getTimestamp("paid_at"))))
			.list();
	}

	public List<CommissionAdjustment> adjustmentsOfOrder(long orderId) {
		return this.jdbc.sql("""
				select a.commission_id, p.code, r.refund_id, a.amount_before, a.amount_after, a.status_before,
				       a.status_after, a.created_at
				from commission_adjustment a
				join commission c on c.id = a.commission_id
				join partner_directory p on p.id = c.partner_id
				join order_refund_labels r on r.id = a.refund_id
				where c.order_id = :order
				order by a.id
				""")
			.param("order", orderId)
			.query((rs, n) -> new CommissionAdjustment(rs.getLong("commission_id"), rs.getString("code"),
					rs.getString("refund_id"), rs.getBigDecimal("amount_before"), rs.getBigDecimal("amount_after"),
					CommissionStatus.of(rs.getString("status_before")),
					CommissionStatus.of(rs.getString("status_after")), instant(rs.getTimestamp("created_at"))))
			.list();
	}

	/**
	 * Ids of the commissions the filter matches in {@code (after, upTo]}, ascending, at
	 * most {@code limit}: a bulk job walks "all matching this filter" in id order, chunk
	 * by chunk.
	 */
	long[] matchingIds(Filter filter, long after, long upTo, int limit) {
		Map<String, Object> params = new LinkedHashMap<>();
		return this.jdbc
			.sql("select c.id " + FROM_COUNTED + and(where(filter, params))
					+ "c.id > :after and c.id <= :upTo order by c.id limit :limit")
			.params(params)
			.param("after", after)
			.param("upTo", upTo)
			.param("limit", limit)
			.query(Long.class)
			.list()
			.stream()
			.mapToLong(Long::longValue)
			.toArray();
	}

	/**
	 * How many commissions the filter matches up to an id (what a bulk job over the
	 * filter will go through).
	 */
	long countMatching(Filter filter, long upTo) {
		Map<String, Object> params = new LinkedHashMap<>();
		return this.jdbc.sql("select count(*) " + FROM_COUNTED + and(where(filter, params)) + "c.id <= :upTo")
			.params(params)
			.param("upTo", upTo)
			.query(Long.class)
			.single();
	}

	long maxId() {
		return this.jdbc.sql("select coalesce(max(id), 0) from commission").query(Long.class).single();
	}

	private static String and(String where) {
		return where.isEmpty() ? "where " : where.strip() + " and ";
	}

	private static String where(Filter filter, Map<String, Object> params) {
		List<String> where = new ArrayList<>();
		if (!blank(filter.partner())) {
			where.add("lower(p.code) = lower(:partner)");
			params.put("partner", filter.partner().strip());
		}
		if (!blank(filter.status())) {
			try {
				params.put("status", CommissionStatus.of(filter.status().strip()).value());
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException("status", ex.getMessage());
			}
			where.add("c.status = :status");
		}
		if (!blank(filter.sku())) {
			where.add("lower(c.sku) = lower(:sku)");
			params.put("sku", filter.sku().strip());
		}
		if (!blank(filter.from())) {
			where.add("c.transaction_date >= :from");
			params.put("from", Timestamp.from(instant("from", filter.from(), false)));
		}
		if (!blank(filter.to())) {
			where.add("c.transaction_date < :to");
			params.put("to", Timestamp.from(instant("to", filter.to(), true)));
		}
		if (filter.program() != null) {
			// the program the commission was earned in (a partner who moved keeps the
			// past ones there)
			where.add("c.program_id = :program");
			params.put("program", filter.program());
		}
		return where.isEmpty() ? "" : "where " + String.join(" and ", where) + "\n";
	}

	private static String orderBy(Sort sort) {
		Sort.Order order = sort.stream()
			.filter(o -> SORTABLE.containsKey(o.getProperty()))
			.findFirst()
			.orElse(DEFAULT_SORT.iterator().next());
		String direction = order.isAscending() ? " asc" : " desc";
		return " order by " + SORTABLE.get(order.getProperty()) + direction + ", c.id" + direction;
	}

	/** A date means the whole day (UTC): {@code to} is inclusive of it. */
	private static Instant instant(String field, String value, boolean endOfDay) {
		String text = value.strip();
		try {
			if (text.length() == 10) {
				LocalDate date = LocalDate.parse(text);
				return endOfDay ? DayRange.endExclusive(date) : DayRange.startOf(date);
			}
			Instant instant = Instant.parse(text);
			return endOfDay ? instant.plusNanos(1000) : instant;
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException(field, "'" + field + "' must be a date (2026-01-31) or an ISO instant.");
		}
	}

	private static Row row(ResultSet rs, int n) throws SQLException {
		return new Row(rs.getLong("id"), rs.getString("code"), rs.getString("email"), rs.getString("order_id"),
				rs.getString("sku"), rs.getInt("tier"), rs.getBigDecimal("amount"), rs.getString("currency"),
				rs.getString("status"), instant(rs.getTimestamp("transaction_date")),
				instant(rs.getTimestamp("approved_at")), instant(rs.getTimestamp("paid_at")), rs.getString("reason"),
				rs.getObject("clawback_of", Long.class), rs.getString("program_name"), rs.getString("order_currency"),
				rs.getBigDecimal("exchange_rate"), rs.getObject("rate_day", LocalDate.class), rs.getLong("partner_id"),
				rs.getString("kind"));
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
