package dev.partnerhub.partnercenter.domain;

import java.math.BigDecimal;
import java.sql.ResultSetMetaData;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.partnerhub.rollups.SqlFragment;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reads behind builder blocks. Every query is scoped to the logged-in partner in SQL ({@code :me} is bound to
 * his partner id, resolved from the session), whatever the block's conditions say: the conditions are AND-ed to
 * the source's owner predicate, never replace it.
 */
@Repository
@Transactional(readOnly = true)
public class BlockData {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

	private final JdbcClient jdbc;

	BlockData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Pending, approved and paid totals (all time), clicks and referred contacts, in one statement. */
	public Map<String, Object> figures(long me) {
		return this.jdbc.sql("""
				select (select count(*) from click where partner_id = :me and not bot) as clicks,
				       (select count(*) from contact where first_referrer_id = :me or last_referrer_id = :me) as referred,
				       s.pending, s.approved, s.paid
				from (select coalesce(sum(amount) filter (where status = 'pending'), 0) as pending,
				             coalesce(sum(amount) filter (where status = 'approved'), 0) as approved,
				             coalesce(sum(amount) filter (where status = 'paid'), 0) as paid
				      from commission where partner_id = :me) s
				""").param("me", me).query((rs, n) -> {
			Map<String, Object> figures = new HashMap<>();
			figures.put("clicks", rs.getLong("clicks"));
			figures.put("referred", rs.getLong("referred"));
			figures.put("pending", rs.getBigDecimal("pending").setScale(2));
			figures.put("approved", rs.getBigDecimal("approved").setScale(2));
			figures.put("paid", rs.getBigDecimal("paid").setScale(2));
			return figures;
		}).single();
	}

	/**
	 * Up to {@code limit} rows of the source for partner {@code me}, matching {@code filter}, sorted by the column,
	 * each row as display texts in {@code columns} order. Column and sort names were checked against the source.
	 */
	public List<List<String>> list(ListSource source, long me, SqlFragment filter, String sort, boolean ascending,
			List<String> columns, int limit) {
		StringBuilder select = new StringBuilder();
		for (String name : columns) {
			select.append(select.isEmpty() ? "" : ", ").append(source.columns().get(name).sql());
		}
		String order = source.columns().get(sort).sql() + (ascending ? " asc nulls last" : " desc nulls last")
				+ ", t.id" + (ascending ? " asc" : " desc");
		String sql = "select " + select + " from " + source.from() + " where " + source.owner() + " and ("
				+ filter.sql() + ") order by " + order + " limit :limit";
		Map<String, Object> params = new HashMap<>(filter.params());
		params.put("me", me);
		params.put("limit", limit);
		return this.jdbc.sql(sql).params(params).query((rs, n) -> {
			ResultSetMetaData meta = rs.getMetaData();
			List<String> row = new ArrayList<>();
			for (int i = 1; i <= meta.getColumnCount(); i++) {
				Object value = rs.getObject(i);
				row.add(display(value));
			}
			return row;
		}).list();
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
