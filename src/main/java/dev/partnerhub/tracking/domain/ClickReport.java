package dev.partnerhub.tracking.domain;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.partnerhub.support.DayRange;

import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The console's clicks report: clicks in a range of UTC days, grouped by partner, promo
 * tool or SubID, and clicks per day for the chart. "Clicks" are the clicks that count
 * (not duplicates, which include bots); duplicates are shown apart. Plain SQL over the
 * click table; names are joined from what still exists (clicks have no foreign keys).
 */
@Component
@Transactional(readOnly = true)
public class ClickReport {

	/** Longest range the report accepts; the chart has one bar a day. */
	public static final int MAX_DAYS = 366;

	private final JdbcClient jdbc;

	ClickReport(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public enum Grouping {

		PARTNER("partner", "Partner"), TOOL("tool", "Promo tool"), SUB("sub", "SubID");

		private final String value;

		private final String label;

		Grouping(String value, String label) {
			this.value = value;
			this.label = label;
		}

		public String value() {
			return this.value;
		}

		public String label() {
			return this.label;
		}

		/** Null for anything else. */
		public static @Nullable Grouping parse(String value) {
			for (Grouping grouping : values()) {
				if (grouping.value.equalsIgnoreCase(value == null ? "" : value.strip())) {
					return grouping;
				}
			}
			return null;
		}

	}

	/** Days {@code from} to {@code to}, both included, in UTC. */
	public record Query(LocalDate from, LocalDate to, @Nullable Long programId, Grouping grouping) {

		public Query {
			if (from.isAfter(to)) {
				throw new IllegalArgumentException("from after to");
			}
		}

		public int days() {
			return (int) ChronoUnit.DAYS.between(this.from, this.to) + 1;
		}

		Instant start() {
			return DayRange.startOf(this.from);
		}

		Instant end() {
			return DayRange.endExclusive(this.to);
		}

	}

	/**
	 * One group. {@code key} identifies it (partner or tool id, SubID; null for "no
	 * tool"/"no SubID"); {@code referredContacts} only when grouped by partner.
	 */
	public record Row(String key, String label, @Nullable String detail, long clicks, long duplicates,
			@Nullable Long referredContacts) {
	}

	public record Day(LocalDate day, long clicks) {
	}

	/**
	 * Sortable by {@code label} or {@code clicks}; anything else sorts by clicks, most
	 * first.
	 */
	public Page<Row> groups(Query query, Pageable pageable) {
		Map<String, Object> params = params(query);
		long total = this.jdbc
			.sql("select count(*) from (select 1 from click c where " + where(query) + " group by "
					+ keyColumn(query.grouping()) + ") g")
			.params(params)
			.query(Long.class)
			.single();
		params.put("limit", pageable.getPageSize());
		params.put("offset", pageable.getOffset());
		List<Row> rows = total == 0 ? List.of()
				: this.jdbc.sql(select(query, orderBy(pageable.getSort()), true))
					.params(params)
					.query(rowMapper(query.grouping()))
					.list();
		return new PageImpl<>(rows, pageable, total);
	}

	/** Every group in the given order, row by row (CSV export). */
	public void forEach(Query query, Sort sort, Consumer<Row> action) {
		RowMapper<Row> mapper = rowMapper(query.grouping());
		this.jdbc.sql(select(query, orderBy(sort), false))
			.params(params(query))
			.query((org.springframework.jdbc.core.RowCallbackHandler) rs -> action.accept(mapper.mapRow(rs, 0)));
	}

	/**
	 * Clicks that count, per UTC day, every day of the range (zero where there were
	 * none).
	 */
	public List<Day> perDay(Query query) {
		return this.jdbc.sql("""
				select d::date as day, coalesce(n.clicks, 0) as clicks
				from generate_series(cast(:fromDay as date), cast(:toDay as date), interval '1 day') d
				left join (select (c.clicked_at at time zone 'UTC')::date as day, count(*) as clicks
				           from click c where %s and not c.duplicate group by 1) n on n.day = d::date
				order by 1""".formatted(where(query)))
			.params(params(query))
			.query((rs, n) -> new Day(rs.getDate("day").toLocalDate(), rs.getLong("clicks")))
			.list();
	}

	private static Map<String, Object> params(Query query) {
		Map<String, Object> params = new HashMap<>();
		params.put("start", Timestamp.from(query.start()));
		params.put("end", Timestamp.from(query.end()));
		params.put("fromDay", java.sql.Date.valueOf(query.from()));
		params.put("toDay", java.sql.Date.valueOf(query.to()));
		if (query.programId() != null) {
			params.put("program", query.programId());
		}
		return params;
	}

	private static String where(Query query) {
		return "c.clicked_at >= :start and c.clicked_at < :end"
				+ (query.programId() == null ? "" : " and c.program_id = :program");
	}

	private static String keyColumn(Grouping grouping) {
		return switch (grouping) {
			case PARTNER -> "c.partner_id";
			case TOOL -> "c.promo_tool_id";
			case SUB -> "c.sub_id";
		};
	}

	/** Groups with their labels, in order. */
	private static String select(Query query, String orderBy, boolean paged) {
		String groups = """
				select %s as key, count(*) filter (where not c.duplicate) as clicks,
				       count(*) filter (where c.duplicate) as duplicates
				from click c where %s group by 1""".formatted(keyColumn(query.grouping()), where(query));
		String labelled = switch (query.grouping()) {
			case PARTNER -> """
					select g.key::text as key, coalesce(p.code, 'partner #' || g.key) as label,
					       btrim(coalesce(ct.first_name, '') || ' ' || coalesce(ct.last_name, '')) as detail,
					       g.clicks, g.duplicates
					from (%s) g
					left join partner_directory p on p.id = g.key
					left join contact_directory ct on ct.id = p.contact_id""".formatted(groups);
			case TOOL -> """
					select g.key::text as key,
					       case when g.key is null then 'No promo tool'
					            else coalesce(t.name, 'promo tool #' || g.key || ' (deleted)') end as label,
					       t.kind as detail, g.clicks, g.duplicates
					from (%s) g
					left join promo_tool t on t.id = g.key""".formatted(groups);
			case SUB -> """
					select g.key as key, coalesce(g.key, 'No SubID') as label, null as detail,
					       g.clicks, g.duplicates
					from (%s) g""".formatted(groups);
		};
		// Wrapped so ORDER BY may use expressions over the output columns; referred
		// contacts are counted (two index
		// lookups) only for the groups of the page, after the limit.
		String referred = query.grouping() == Grouping.PARTNER
				? """
						(select count(*) from contact_directory rc
						 where (rc.first_referrer_id = r.key::bigint and rc.first_referred_at >= :start and rc.first_referred_at < :end)
						    or (rc.last_referrer_id = r.key::bigint and rc.last_referred_at >= :start and rc.last_referred_at < :end))"""
				: "null::bigint";
		return "select r.*, " + referred + " as referred from (select * from (" + labelled + ") l order by " + orderBy
				+ (paged ? " limit :limit offset :offset" : "") + ") r order by " + orderBy;
	}

	/**
	 * Only the two known columns reach the SQL; ties broken by label and key so pages are
	 * stable.
	 */
	private static String orderBy(Sort sort) {
		Sort.Order order = sort.stream().findFirst().orElse(Sort.Order.desc("clicks"));
		String direction = order.isAscending() ? "asc" : "desc";
		if ("label".equals(order.getProperty())) {
			return "lower(label) " + direction + ", key";
		}
		return "clicks " + direction + ", lower(label), key";
	}

	private static RowMapper<Row> rowMapper(Grouping grouping) {
		return (rs, n) -> {
			long referred = rs.getLong("referred");
			Long referredContacts = grouping == Grouping.PARTNER && !rs.wasNull() ? referred : null;
			String detail = rs.getString("detail");
			if (grouping == Grouping.TOOL && detail != null) {
				PromoToolKind kind = PromoToolKind.parse(detail);
				detail = kind == null ? detail : kind.label();
			}
			return new Row(rs.getString("key"), rs.getString("label"),
					detail == null || detail.isBlank() ? null : detail, rs.getLong("clicks"), rs.getLong("duplicates"),
					referredContacts);
		};
	}

}
