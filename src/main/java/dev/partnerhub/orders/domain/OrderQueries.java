package dev.partnerhub.orders.domain;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import javax.sql.DataSource;

import dev.partnerhub.support.DayRange;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The console's order list: one SQL query with the amounts charged and refunded so far
 * and the credited partner. Contact and partner tables belong to other modules; they are
 * only read here.
 */
@Component
@Transactional(readOnly = true)
public class OrderQueries {

	/**
	 * Sortable properties and the SQL they sort by; anything else falls back to newest
	 * first.
	 */
	private static final Map<String, String> SORTABLE = Map.of("date", "o.occurred_at", "total", "o.total", "status",
			"o.status");

	public static final Sort DEFAULT_SORT = Sort.by(Sort.Direction.DESC, "date");

	private static final String SELECT = """
			select o.id, o.order_id, o.occurred_at, ct.email, o.currency, o.total,
			       o.total + coalesce((select sum(ch.amount) from order_charge ch where ch.order_id = o.id), 0)
			           as charged,
			       cast(coalesce((select sum(r.amount) from order_refund r where r.order_id = o.id), 0) as numeric(19, 2))
			           as refunded,
			       o.status, o.recurring, p.code as partner_code, o.credit_rule, o.paid_at
			""";

	/**
	 * The rows are the orders, or with the first-purchase filter the rows of the view
	 * {@code order_first_purchase}: the one definition of a first purchase, which the
	 * dashboard's customers count too (as the row source the planner runs it as the same
	 * anti-join the condition was).
	 */
	private static final String FROM = """
			from %s o
			join contact_directory ct on ct.id = o.contact_id
			left join partner_directory p on p.id = o.referrer_id
			""";

	private final JdbcClient jdbc;

	/**
	 * Fetches in chunks so a CSV export of every order does not hold them all in memory.
	 */
	private final JdbcClient streaming;

	OrderQueries(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
		JdbcTemplate template = new JdbcTemplate(dataSource);
		template.setFetchSize(500);
		this.streaming = JdbcClient.create(template);
	}

	/**
	 * Which orders a list shows; every part is optional. {@code search} matches the order
	 * id or the contact's e-mail (substring, case-insensitive); {@code from}/{@code to}
	 * are UTC days of the order date, both inclusive.
	 */
	/**
	 * @param referred only orders credited to a partner (the dashboard's referred
	 * revenue)
	 * @param program only orders credited to a partner of this program
	 * @param firstPurchase only each contact's first paid-for order (the view
	 * {@code order_first_purchase}, which the dashboard's customers count too)
	 */
	public record Filter(@Nullable String status, @Nullable String partner, @Nullable LocalDate from,
			@Nullable LocalDate to, @Nullable String search, boolean referred, @Nullable Long program,
			boolean firstPurchase) {

		public Filter(@Nullable String status, @Nullable String partner, @Nullable LocalDate from,
				@Nullable LocalDate to, @Nullable String search) {
			this(status, partner, from, to, search, false, null, false);
		}

	}

	/**
	 * @param charged the initial sale plus recurring charges
	 * @param partnerCode the partner credited at order time, null when nobody referred
	 * the buyer
	 * @param paidAt when an unpaid order's payment was confirmed; null while unpaid and
	 * for orders that arrived paid
	 */
	public record Row(long id, String orderId, Instant occurredAt, String email, String currency, BigDecimal total,
			BigDecimal charged, BigDecimal refunded, String status, boolean recurring, @Nullable String partnerCode,
			@Nullable String creditRule, @Nullable Instant paidAt) {

		public boolean unpaid() {
			return "unpaid".equals(this.status);
		}

	}

	public static boolean isSortable(String property) {
		return SORTABLE.containsKey(property);
	}

	public Page<Row> find(Filter filter, Pageable pageable) {
		Map<String, Object> params = new LinkedHashMap<>();
		String where = where(filter, params);
		long total = this.jdbc.sql("select count(*) " + from(filter) + where).params(params).query(Long.class).single();
		if (total == 0 || pageable.getOffset() >= total) {
			return new PageImpl<>(List.of(), pageable, total);
		}
		List<Row> rows = this.jdbc
			.sql(SELECT + from(filter) + where + orderBy(pageable.getSort()) + " limit :limit offset :offset")
			.params(params)
			.param("limit", pageable.getPageSize())
			.param("offset", pageable.getOffset())
			.query(OrderQueries::row)
			.list();
		return new PageImpl<>(rows, pageable, total);
	}

	/** Every matching order in list order, one at a time (CSV export). */
	public void forEach(Filter filter, Sort sort, Consumer<Row> action) {
		Map<String, Object> params = new LinkedHashMap<>();
		this.streaming.sql(SELECT + from(filter) + where(filter, params) + orderBy(sort))
			.params(params)
			.query((RowCallbackHandler) rs -> action.accept(row(rs, 0)));
	}

	public Optional<Row> findOne(String orderId) {
		return this.jdbc.sql(SELECT + FROM.formatted("customer_order") + "where o.order_id = :orderId")
			.param("orderId", orderId)
			.query(OrderQueries::row)
			.optional();
	}

	private static String from(Filter filter) {
		return FROM.formatted(filter.firstPurchase() ? "order_first_purchase" : "customer_order");
	}

	private static String where(Filter filter, Map<String, Object> params) {
		List<String> conditions = new ArrayList<>();
		if (filter.status() != null) {
			conditions.add("o.status = :status");
			params.put("status", filter.status());
		}
		if (filter.partner() != null) {
			conditions.add("lower(p.code) = lower(:partner)");
			params.put("partner", filter.partner());
		}
		if (filter.from() != null) {
			conditions.add("o.occurred_at >= :from");
			params.put("from", DayRange.startTimestamp(filter.from()));
		}
		if (filter.to() != null) {
			conditions.add("o.occurred_at < :to");
			params.put("to", DayRange.endExclusiveTimestamp(filter.to()));
		}
		if (filter.referred()) {
			conditions.add("o.referrer_id is not null");
		}
		if (filter.program() != null) {
			conditions.add("p.program_id = :program");
			params.put("program", filter.program());
		}
		if (filter.search() != null && !filter.search().isBlank()) {
			conditions.add("(lower(o.order_id) like :term escape '\\' or lower(ct.email) like :term escape '\\')");
			params.put("term", "%" + likeEscaped(filter.search().strip().toLowerCase(Locale.ROOT)) + "%");
		}
		return conditions.isEmpty() ? "" : "where " + String.join(" and ", conditions) + "\n";
	}

	private static String orderBy(Sort sort) {
		Sort.Order order = sort.stream()
			.filter(o -> SORTABLE.containsKey(o.getProperty()))
			.findFirst()
			.orElse(DEFAULT_SORT.iterator().next());
		String direction = order.isAscending() ? " asc" : " desc";
		return " order by " + SORTABLE.get(order.getProperty()) + direction + ", o.id" + direction;
	}

	private static String likeEscaped(String term) {
		return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	private static Row row(ResultSet rs, int n) throws SQLException {
		return new Row(rs.getLong("id"), rs.getString("order_id"), rs.getTimestamp("occurred_at").toInstant(),
				rs.getString("email"), rs.getString("currency"), rs.getBigDecimal("total"), rs.getBigDecimal("charged"),
				rs.getBigDecimal("refunded"), rs.getString("status"), rs.getBoolean("recurring"),
				rs.getString("partner_code"), rs.getString("credit_rule"),
				rs.getTimestamp("paid_at") == null ? null : rs.getTimestamp("paid_at").toInstant());
	}

}
