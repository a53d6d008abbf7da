package dev.partnerhub.rollups.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The partner list with rollup columns: partners (code, name, program) with the
 * materialised values of chosen rollup fields, sortable by one of them and filtered by
 * "value ≥ X". Reads the partner, contact and program tables by SQL only (their entities
 * belong to other modules) and rollup_value through its rank index.
 */
@Component
public class PartnerValues {

	/** Columns at most: each is one indexed join. */
	public static final int MAX_COLUMNS = 6;

	/** One partner with his values in column order (null = no value). */
	public record Row(long partnerId, String code, String name, String email, String programName, long contactId,
			List<BigDecimal> values) {
	}

	/**
	 * What to list. {@code columns}: rollup field ids; {@code sortBy}: one of them (or
	 * null = by code); {@code minOf}/{@code min}: only partners whose value of that field
	 * is ≥ min; {@code programId} optional.
	 */
	public record Query(List<Long> columns, @Nullable Long sortBy, boolean descending, @Nullable Long minOf,
			@Nullable BigDecimal min, @Nullable Long programId, @Nullable String search) {
	}

	private final JdbcClient jdbc;

	private final JdbcClient streaming;

	private final RollupEngine engine;

	PartnerValues(DataSource dataSource, RollupEngine engine) {
		this.jdbc = JdbcClient.create(dataSource);
		JdbcTemplate template = new JdbcTemplate(dataSource);
		template.setFetchSize(500);
		this.streaming = JdbcClient.create(template);
		this.engine = engine;
	}

	public Page<Row> find(Query query, Pageable pageable) {
		// Values changed in the last second are included: the list reads the table right
		// after a drain.
		this.engine.drain();
		Map<String, Object> params = new HashMap<>();
		String from = from(query, params);
		long total = this.jdbc.sql("select count(*) " + from).params(params).query(Long.class).single();
		if (total == 0 || pageable.getOffset() >= total) {
			return new PageImpl<>(List.of(), pageable, total);
		}
		params.put("limit", pageable.getPageSize());
		params.put("offset", pageable.getOffset());
		List<Row> rows = this.jdbc.sql(select(query) + from + orderBy(query) + " limit :limit offset :offset")
			.params(params)
			.query((rs, n) -> row(rs, query))
			.list();
		return new PageImpl<>(rows, pageable, total);
	}

	/** Every matching partner in list order (CSV). */
	public void forEach(Query query, Consumer<Row> action) {
		this.engine.drain();
		Map<String, Object> params = new HashMap<>();
		String sql = select(query) + from(query, params) + orderBy(query);
		this.streaming.sql(sql).params(params).query((RowCallbackHandler) rs -> action.accept(row(rs, query)));
	}

	private static String select(Query query) {
		StringBuilder sql = new StringBuilder(
				"select p.id, p.code, c.first_name, c.last_name, c.email, g.name as program_name, p.contact_id");
		for (int i = 0; i < query.columns().size(); i++) {
			sql.append(", v").append(i).append(".value as v").append(i);
		}
		return sql.append('\n').toString();
	}

	private static String from(Query query, Map<String, Object> params) {
		StringBuilder sql = new StringBuilder("""
				from partner_directory p
				join contact_directory c on c.id = p.contact_id
				join program_catalog g on g.id = p.program_id
				""");
		List<Long> joined = new ArrayList<>(query.columns());
		if (query.minOf() != null && !joined.contains(query.minOf())) {
			joined.add(query.minOf());
		}
		for (int i = 0; i < joined.size(); i++) {
			sql.append("left join rollup_value v")
				.append(i)
				.append(" on v")
				.append(i)
				.append(".rollup_field_id = :r")
				.append(i)
				.append(" and v")
				.append(i)
				.append(".contact_id = p.contact_id\n");
			params.put("r" + i, joined.get(i));
		}
		List<String> where = new ArrayList<>();
		if (query.programId() != null) {
			where.add("p.program_id = :program");
			params.put("program", query.programId());
		}
		if (query.minOf() != null && query.min() != null) {
			where.add("v" + joined.indexOf(query.minOf()) + ".value >= :min");
			params.put("min", query.min());
		}
		if (query.search() != null && !query.search().isBlank()) {
			where.add("(lower(p.code) like :term or lower(c.email) like :term"
					+ " or lower(c.first_name || ' ' || c.last_name) like :term)");
			params.put("term",
					"%" + query.search()
						.strip()
						.toLowerCase(java.util.Locale.ROOT)
						.replace("\\", "\\\\")
						.replace("%", "\\%")
						.replace("_", "\\_") + "%");
		}
		if (!where.isEmpty()) {
			sql.append("where ").append(String.join(" and ", where)).append('\n');
		}
		return sql.toString();
	}

	private static String orderBy(Query query) {
		int index = query.sortBy() == null ? -1 : query.columns().indexOf(query.sortBy());
		String direction = query.descending() ? " desc" : " asc";
		if (index < 0) {
			return " order by lower(p.code)" + direction + ", p.id";
		}
		return " order by v" + index + ".value" + direction + " nulls last, lower(p.code), p.id";
	}

	private static Row row(java.sql.ResultSet rs, Query query) throws java.sql.SQLException {
		List<BigDecimal> values = new ArrayList<>();
		for (int i = 0; i < query.columns().size(); i++) {
			values.add(rs.getBigDecimal("v" + i));
		}
		return new Row(rs.getLong("id"), rs.getString("code"),
				(rs.getString("first_name") + " " + rs.getString("last_name")).strip(), rs.getString("email"),
				rs.getString("program_name"), rs.getLong("contact_id"), values);
	}

}
