package dev.partnerhub.partners.domain;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import javax.sql.DataSource;

import dev.partnerhub.contacts.ListColumnSelection;
import dev.partnerhub.partners.PartnerAccess;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.support.DayRange;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The read side of partner lists: one SQL query joining partner, contact, program and
 * parent partner. Plain SQL because the contact and program entities belong to other
 * modules; only their tables are read here.
 */
@Component
@Transactional(readOnly = true)
public class PartnerDirectory {

	/**
	 * Sortable properties and the SQL they sort by; anything else falls back to newest
	 * first.
	 */
	private static final Map<String, List<String>> SORTABLE = Map.of("code", List.of("lower(p.code)"), "name",
			List.of("lower(c.last_name)", "lower(c.first_name)"), "email", List.of("lower(c.email)"), "program",
			List.of("lower(g.name)"), "status", List.of("p.status"), "createdAt", List.of("p.created_at"));

	public static final Sort DEFAULT_SORT = Sort.by(Sort.Direction.DESC, "createdAt");

	private static final String SELECT = """
			select p.id, p.code, p.status, p.contact_id, c.email, c.first_name, c.last_name, p.program_id,
			       g.name as program_name, p.parent_id, pp.code as parent_code, p.payout_email, p.created_at,
			       pa.contact_id is not null as has_login, pa.active, pa.invite_expires_at""";

	/** A partner with the filter's extra columns' values (column order). */
	public record Listed(PartnerRow row, List<BigDecimal> values) {
	}

	private static final String FROM = """
			from partner p
			join contact_directory c on c.id = p.contact_id
			join program_catalog g on g.id = p.program_id
			left join partner pp on pp.id = p.parent_id
			left join partner_access pa on pa.contact_id = p.contact_id
			""";

	/** The access states in SQL, as {@link #access} decides them in Java. */
	private static final Map<PartnerAccess, String> ACCESS_SQL = Map.of(PartnerAccess.ACTIVE, "pa.active",
			PartnerAccess.INVITED, "(not pa.active and pa.invite_expires_at > :accessNow)", PartnerAccess.EXPIRED,
			"(not pa.active and (pa.invite_expires_at is null or pa.invite_expires_at <= :accessNow))",
			PartnerAccess.NONE, "pa.contact_id is null");

	private final JdbcClient jdbc;

	/**
	 * Fetches in chunks so a CSV export of every partner does not hold them all in
	 * memory.
	 */
	private final JdbcClient streaming;

	private final Clock clock;

	PartnerDirectory(DataSource dataSource, Clock clock) {
		this.clock = clock;
		this.jdbc = JdbcClient.create(dataSource);
		JdbcTemplate template = new JdbcTemplate(dataSource);
		template.setFetchSize(500);
		this.streaming = JdbcClient.create(template);
	}

	public static boolean isSortable(String property) {
		return SORTABLE.containsKey(property);
	}

	public Page<PartnerRow> find(PartnerFilter filter, Pageable pageable) {
		return list(filter, pageable).map(Listed::row);
	}

	/** A page with the filter's extra columns, sorted and filtered by them in SQL. */
	public Page<Listed> list(PartnerFilter filter, Pageable pageable) {
		ListColumnSelection columns = filter.columns();
		Map<String, Object> params = new HashMap<>();
		String where = where(filter, params, this.clock.instant());
		String from = FROM + columns.joins();
		long total = this.jdbc.sql("select count(*) " + from + where).params(params).query(Long.class).single();
		long offset = pageable.getOffset();
		if (total == 0 || offset >= total) {
			return new PageImpl<>(List.of(), pageable, total);
		}
		params.put("limit", pageable.getPageSize());
		params.put("offset", offset);
		List<Listed> rows = this.jdbc
			.sql(SELECT + columns.selectSql() + "\n" + from + where + orderBy(pageable.getSort(), columns)
					+ " limit :limit offset :offset")
			.params(params)
			.query((rs, n) -> new Listed(row(rs, n), columns.values(rs)))
			.list();
		return new PageImpl<>(rows, pageable, total);
	}

	/** Every matching partner in list order, one at a time (CSV export). */
	public void forEach(PartnerFilter filter, Sort sort, Consumer<PartnerRow> action) {
		forEachListed(filter, sort, listed -> action.accept(listed.row()));
	}

	/**
	 * Every matching partner with the filter's extra columns, in list order (CSV export).
	 */
	public void forEachListed(PartnerFilter filter, Sort sort, Consumer<Listed> action) {
		ListColumnSelection columns = filter.columns();
		Map<String, Object> params = new HashMap<>();
		String sql = SELECT + columns.selectSql() + "\n" + FROM + columns.joins()
				+ where(filter, params, this.clock.instant()) + orderBy(sort, columns);
		this.streaming.sql(sql)
			.params(params)
			.query((RowCallbackHandler) rs -> action.accept(new Listed(row(rs, 0), columns.values(rs))));
	}

	public Optional<PartnerRow> findOne(long id) {
		return this.jdbc.sql(SELECT + "\n" + FROM + "where p.id = :id").param("id", id).query(this::row).optional();
	}

	public Optional<PartnerRow> findByContact(long contactId) {
		return this.jdbc.sql(SELECT + "\n" + FROM + "where p.contact_id = :contactId")
			.param("contactId", contactId)
			.query(this::row)
			.optional();
	}

	/** His tier-2 partners, by code. */
	public List<PartnerRow> childrenOf(long parentId) {
		return find(PartnerFilter.childrenOf(parentId), PageRequest.of(0, 1000, Sort.by("code"))).getContent();
	}

	private static String where(PartnerFilter filter, Map<String, Object> params, Instant now) {
		List<String> conditions = new ArrayList<>();
		if (filter.access() != null) {
			conditions.add(ACCESS_SQL.get(filter.access()));
			params.put("accessNow", java.sql.Timestamp.from(now));
		}
		if (filter.programId() != null) {
			conditions.add("p.program_id = :programId");
			params.put("programId", filter.programId());
		}
		if (filter.status() != null) {
			conditions.add("p.status = :status");
			params.put("status", filter.status().value());
		}
		if (filter.joinedFrom() != null) {
			conditions.add("p.created_at >= :joinedFrom");
			params.put("joinedFrom", DayRange.startTimestamp(filter.joinedFrom()));
		}
		if (filter.joinedTo() != null) {
			conditions.add("p.created_at < :joinedTo");
			params.put("joinedTo", DayRange.endExclusiveTimestamp(filter.joinedTo()));
		}
		if (filter.parentId() != null) {
			conditions.add("p.parent_id = :parentId");
			params.put("parentId", filter.parentId());
		}
		if (filter.group() != null) {
			conditions.add(filter.group().sql());
			params.putAll(filter.group().params());
		}
		params.putAll(filter.columns().params());
		if (filter.columns().where() != null) {
			conditions.add(filter.columns().where());
		}
		if (filter.search() != null && !filter.search().isBlank()) {
			conditions.add("(lower(p.code) like :term escape '\\' or lower(c.email) like :term escape '\\'"
					+ " or lower(c.first_name || ' ' || c.last_name) like :term escape '\\')");
			params.put("term", "%" + likeEscaped(filter.search().strip().toLowerCase(Locale.ROOT)) + "%");
		}
		return conditions.isEmpty() ? "" : "where " + String.join(" and ", conditions) + "\n";
	}

	private static String orderBy(Sort sort, ListColumnSelection columns) {
		Sort.Order order = sort.stream()
			.filter(o -> SORTABLE.containsKey(o.getProperty()) || columns.sortable(o.getProperty()))
			.findFirst()
			.orElse(DEFAULT_SORT.iterator().next());
		String direction = order.isAscending() ? " asc" : " desc";
		List<String> terms = new ArrayList<>();
		// an extra column with no value (avg of nothing) sorts last either way
		columns.sortSql(order.getProperty())
			.ifPresentOrElse(sql -> terms.add(sql + direction + " nulls last"),
					() -> SORTABLE.get(order.getProperty()).forEach(column -> terms.add(column + direction)));
		terms.add("p.id" + direction);
		return " order by " + String.join(", ", terms);
	}

	private static String likeEscaped(String term) {
		return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	private PartnerRow row(ResultSet rs, int rowNum) throws SQLException {
		Long parentId = rs.getObject("parent_id", Long.class);
		return new PartnerRow(rs.getLong("id"), rs.getString("code"), PartnerStatus.of(rs.getString("status")),
				rs.getLong("contact_id"), rs.getString("email"), rs.getString("first_name"), rs.getString("last_name"),
				rs.getLong("program_id"), rs.getString("program_name"), parentId, rs.getString("parent_code"),
				rs.getString("payout_email"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				access(rs, this.clock.instant()));
	}

	private static PartnerAccess access(ResultSet rs, Instant now) throws SQLException {
		if (!rs.getBoolean("has_login")) {
			return PartnerAccess.NONE;
		}
		if (rs.getBoolean("active")) {
			return PartnerAccess.ACTIVE;
		}
		OffsetDateTime until = rs.getObject("invite_expires_at", OffsetDateTime.class);
		return until != null && until.toInstant().isAfter(now) ? PartnerAccess.INVITED : PartnerAccess.EXPIRED;
	}

}
