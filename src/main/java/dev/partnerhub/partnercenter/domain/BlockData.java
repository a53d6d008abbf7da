package dev.partnerhub.partnercenter.domain;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.partnerhub.filters.SqlFragment;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reads behind builder blocks. Every query is scoped to the logged-in partner in SQL
 * ({@code :me} is bound to his partner id, resolved from the session), whatever the
 * block's conditions say: the conditions are AND-ed to the source's owner predicate,
 * never replace it.
 */
@Repository
@Transactional(readOnly = true)
public class BlockData {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

	private final JdbcClient jdbc;

	BlockData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Pending, approved and paid totals (all time) per currency — {@code "pending"} etc.
	 * map a currency to its sum, never one sum over several currencies — and clicks and
	 * referred contacts, in one statement.
	 */
	public Map<String, Object> figures(long me) {
		Map<String, Object> figures = new HashMap<>();
		Map<String, BigDecimal> pending = new java.util.TreeMap<>();
		Map<String, BigDecimal> approved = new java.util.TreeMap<>();
		Map<String, BigDecimal> paid = new java.util.TreeMap<>();
		this.jdbc
			.sql("""
					select (select count(*) from click_log where partner_id = :me and not bot) as clicks,
					       (select count(*) from contact_directory where first_referrer_id = :me or last_referrer_id = :me) as referred,
					       s.currency, s.pending, s.approved, s.paid
					from (select 1) one
					left join (select currency,
					                  coalesce(sum(amount) filter (where status = 'pending'), 0) as pending,
					                  coalesce(sum(amount) filter (where status = 'approved'), 0) as approved,
					                  coalesce(sum(amount) filter (where status = 'paid'), 0) as paid
					           from commission_ledger where partner_id = :me group by currency) s on true
					""")
			.param("me", me)
			.query((ResultSet rs) -> {
				figures.put("clicks", rs.getLong("clicks"));
				figures.put("referred", rs.getLong("referred"));
				String currency = rs.getString("currency");
				if (currency != null) {
					pending.put(currency, rs.getBigDecimal("pending").setScale(2));
					approved.put(currency, rs.getBigDecimal("approved").setScale(2));
					paid.put(currency, rs.getBigDecimal("paid").setScale(2));
				}
			});
		figures.put("pending", pending);
		figures.put("approved", approved);
		figures.put("paid", paid);
		return figures;
	}

	/**
	 * One page of a list block: display texts per row (in column order), the matching
	 * total, the page shown.
	 */
	public record ListPage(List<List<String>> rows, long total, int page, int size) {

		public int totalPages() {
			return this.total == 0 ? 1 : (int) ((this.total + this.size - 1) / this.size);
		}

	}

	/**
	 * Page {@code page} (0-based; past the end = the last page) of {@code size} rows of
	 * the source for partner {@code me}, matching {@code filter}, sorted by the column,
	 * with the total, in ONE statement whatever the page or sort (a CTE counted and paged
	 * together). Column and sort names were checked against the source.
	 */
	public ListPage list(ListSource source, long me, SqlFragment filter, String sort, boolean ascending,
			List<String> columns, int page, int size) {
		String sql = "with m as (" + matching(source, filter, sort, columns) + ") "
				+ "select m.*, (select count(*) from m) as total_ from m order by s_" + direction(ascending)
				+ " limit :limit offset least(:offset, (select (greatest(count(*), 1) - 1) / :limit * :limit from m))";
		Map<String, Object> params = new HashMap<>(filter.params());
		params.put("me", me);
		params.put("limit", size);
		params.put("offset", (long) Math.max(page, 0) * size);
		long[] total = { 0 };
		List<List<String>> rows = this.jdbc.sql(sql).params(params).query((rs, n) -> {
			total[0] = rs.getLong("total_");
			return row(rs, columns.size());
		}).list();
		int shown = rows.isEmpty() ? 0 : (int) Math.min(Math.max(page, 0), (total[0] - 1) / size);
		return new ListPage(rows, total[0], shown, size);
	}

	/**
	 * Every row (for the CSV export), same scope, filter and order as {@link #list};
	 * streamed.
	 */
	public void each(ListSource source, long me, SqlFragment filter, String sort, boolean ascending,
			List<String> columns, Consumer<List<String>> consumer) {
		String sql = matching(source, filter, sort, columns) + " order by s_" + direction(ascending);
		Map<String, Object> params = new HashMap<>(filter.params());
		params.put("me", me);
		this.jdbc.sql(sql).params(params).query((ResultSet rs) -> {
			consumer.accept(row(rs, columns.size()));
		});
	}

	/**
	 * The owner predicate ALWAYS comes first; the admin's conditions are AND-ed to it.
	 */
	private static String matching(ListSource source, SqlFragment filter, String sort, List<String> columns) {
		StringBuilder select = new StringBuilder();
		for (int i = 0; i < columns.size(); i++) {
			select.append(source.columns().get(columns.get(i)).sql()).append(" as c").append(i).append(", ");
		}
		return "select " + select + source.columns().get(sort).sql() + " as s_, t.id as id_ from " + source.from()
				+ " where " + source.owner() + " and (" + filter.sql() + ")";
	}

	private static String direction(boolean ascending) {
		return ascending ? " asc nulls last, id_ asc" : " desc nulls last, id_ desc";
	}

	private static List<String> row(ResultSet rs, int columns) throws SQLException {
		List<String> row = new ArrayList<>(columns);
		for (int i = 1; i <= columns; i++) {
			row.add(display(rs.getObject(i)));
		}
		return row;
	}

	private static String display(Object value) {
		if (value == null) {
			return "—";
		}
		if (value instanceof Timestamp ts) {
			return DAY.format(ts.toInstant());
		}
		if (value instanceof java.time.OffsetDateTime odt) {
			return DAY.format(odt.toInstant());
		}
		if (value instanceof BigDecimal decimal) {
			return decimal.toPlainString();
		}
		return value.toString();
	}

}
