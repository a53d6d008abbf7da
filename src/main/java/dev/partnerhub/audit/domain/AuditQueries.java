package dev.partnerhub.audit.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

import dev.partnerhub.support.DayRange;

import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reads the audit log for the console: filtered, newest first. Nothing here writes. */
@Component
@Transactional(readOnly = true)
public class AuditQueries {

	/**
	 * Actions the application records; the page offers them, and the database may hold
	 * more.
	 */
	public static final List<String> KNOWN_ACTIONS = List.of("commission.approve", "commission.decline",
			"contact.first_referrer", "contact.last_referrer", "order.paid", "order.refund", "partner.create",
			"partner.program", "partner.remove", "partner.status", "payout.cancel", "payout.create", "payout.pay",
			"program.create", "program.update", "settings.update");

	public static final List<String> KNOWN_SUBJECT_TYPES = List.of("commission", "contact", "order", "partner",
			"payout", "program", "settings");

	private static final int CHUNK = 1000;

	/**
	 * The actor's role is the one recorded with the entry (V49_3); entries written before
	 * have none and show the current role from {@code team_member}, the view accounts
	 * publishes of its console users, marked as current. The name is always the current
	 * one (API keys, jobs and removed users have none).
	 */
	private static final String COLUMNS = """
			select id, occurred_at, actor, action, subject_type, subject_id, before_value, after_value, detail,
			       m.name as actor_name, coalesce(audit_entry.actor_role, m.role) as actor_role,
			       audit_entry.actor_role is null and m.role is not null as actor_role_current
			from audit_entry left join team_member m on lower(m.email) = lower(actor)
			""";

	private final JdbcClient jdbc;

	AuditQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Which entries to show; every part is optional. {@code actor} matches a substring
	 * (case-insensitive); {@code action} matches exactly or as a prefix before a dot
	 * ({@code partner} finds {@code partner.status}); {@code from}/{@code to} are UTC
	 * days, both inclusive.
	 */
	public record Filter(@Nullable String actor, @Nullable String action, @Nullable String subjectType,
			@Nullable String subjectId, @Nullable LocalDate from, @Nullable LocalDate to) {

		public static final Filter NONE = new Filter(null, null, null, null, null, null);

	}

	public record Row(long id, Instant occurredAt, String actor, String action, String subjectType,
			@Nullable String subjectId, @Nullable String before, @Nullable String after, @Nullable String detail,
			@Nullable String actorName, @Nullable String actorRole, boolean actorRoleCurrent) {

		/**
		 * The actor's role in words when he decided ({@code Finance}); for an entry older
		 * than the recorded roles his current role with " (now)"; null for API keys and
		 * jobs.
		 */
		public @Nullable String actorRoleLabel() {
			if (this.actorRole == null) {
				return null;
			}
			String label = this.actorRole.charAt(0) + this.actorRole.substring(1).toLowerCase(Locale.ROOT);
			return this.actorRoleCurrent ? label + " (now)" : label;
		}

	}

	public Page<Row> find(Filter filter, Pageable pageable) {
		Map<String, Object> params = new LinkedHashMap<>();
		String where = where(filter, params);
		long total = this.jdbc.sql("select count(*) from audit_entry" + where)
			.params(params)
			.query(Long.class)
			.single();
		if (total == 0 || pageable.getOffset() >= total) {
			return new PageImpl<>(List.of(), pageable, total);
		}
		List<Row> rows = this.jdbc
			.sql(COLUMNS + where + " order by occurred_at desc, id desc limit :limit offset :offset")
			.params(params)
			.param("limit", pageable.getPageSize())
			.param("offset", pageable.getOffset())
			.query(AuditQueries::row)
			.list();
		return new PageImpl<>(rows, pageable, total);
	}

	/**
	 * Every matching entry, newest first, fetched in keyset chunks: an export of the
	 * whole log holds one chunk in memory and no long-running transaction.
	 */
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.NOT_SUPPORTED)
	public void forEach(Filter filter, Consumer<Row> action) {
		Row last = null;
		while (true) {
			Map<String, Object> params = new LinkedHashMap<>();
			String where = where(filter, params);
			if (last != null) {
				where += (where.isEmpty() ? " where " : " and ") + "(occurred_at, id) < (:lastAt, :lastId)";
				params.put("lastAt", Timestamp.from(last.occurredAt()));
				params.put("lastId", last.id());
			}
			List<Row> chunk = this.jdbc.sql(COLUMNS + where + " order by occurred_at desc, id desc limit " + CHUNK)
				.params(params)
				.query(AuditQueries::row)
				.list();
			chunk.forEach(action);
			if (chunk.size() < CHUNK) {
				return;
			}
			last = chunk.get(chunk.size() - 1);
		}
	}

	/**
	 * The known actions plus any other the log holds (recorded by a newer module, say),
	 * sorted.
	 */
	public List<String> actions() {
		TreeSet<String> all = new TreeSet<>(KNOWN_ACTIONS);
		all.addAll(distinct("action"));
		return new ArrayList<>(all);
	}

	public List<String> subjectTypes() {
		TreeSet<String> all = new TreeSet<>(KNOWN_SUBJECT_TYPES);
		all.addAll(distinct("subject_type"));
		return new ArrayList<>(all);
	}

	/**
	 * Distinct values of an indexed leading column by hopping through the index (one
	 * probe per value), not a scan of a log that may hold millions of entries.
	 * {@code column} is one of ours, never user input.
	 */
	private List<String> distinct(String column) {
		return this.jdbc.sql("""
				with recursive v(value) as (
				    (select %1$s from audit_entry order by %1$s limit 1)
				    union all
				    select (select %1$s from audit_entry where %1$s > v.value order by %1$s limit 1)
				    from v where v.value is not null
				)
				select value from v where value is not null
				""".formatted(column)).query(String.class).list();
	}

	private static String where(Filter f, Map<String, Object> params) {
		List<String> conditions = new ArrayList<>();
		if (f.actor() != null) {
			conditions.add("lower(actor) like :actor escape '\\'");
			params.put("actor", "%" + like(f.actor().toLowerCase(Locale.ROOT)) + "%");
		}
		if (f.action() != null) {
			conditions.add("(action = :action or action like :actionPrefix escape '\\')");
			params.put("action", f.action());
			params.put("actionPrefix", like(f.action()) + ".%");
		}
		if (f.subjectType() != null) {
			conditions.add("subject_type = :subjectType");
			params.put("subjectType", f.subjectType());
		}
		if (f.subjectId() != null) {
			conditions.add("subject_id = :subjectId");
			params.put("subjectId", f.subjectId());
		}
		if (f.from() != null) {
			conditions.add("occurred_at >= :from");
			params.put("from", DayRange.startTimestamp(f.from()));
		}
		if (f.to() != null) {
			conditions.add("occurred_at < :to");
			params.put("to", DayRange.endExclusiveTimestamp(f.to()));
		}
		return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
	}

	private static String like(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	private static Row row(ResultSet rs, int n) throws SQLException {
		return new Row(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor"),
				rs.getString("action"), rs.getString("subject_type"), rs.getString("subject_id"),
				rs.getString("before_value"), rs.getString("after_value"), rs.getString("detail"),
				rs.getString("actor_name"), rs.getString("actor_role"), rs.getBoolean("actor_role_current"));
	}

}
