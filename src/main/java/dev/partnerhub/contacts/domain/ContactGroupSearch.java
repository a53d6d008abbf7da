package dev.partnerhub.contacts.domain;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import javax.sql.DataSource;

import dev.partnerhub.contacts.ContactGroupFilter;
import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.contacts.ListColumnSelection;

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
 * The contact list's search restricted to a group's members ({@link ContactGroupFilter})
 * and/or with extra value columns ({@link ListColumnSelection}: shown, sorted and
 * filtered in this SQL, so paging stays exact). Plain SQL because the group's predicate
 * and the columns are SQL; same matching and ordering as
 * {@link ContactRepository#search}.
 */
@Component
@Transactional(readOnly = true)
public class ContactGroupSearch {

	private static final Map<String, String> COLUMNS = Map.of("lastName", "lower(c.last_name)", "firstName",
			"lower(c.first_name)", "email", "lower(c.email)", "dateAdded", "c.date_added", "id", "c.id");

	private static final String SELECT = """
			select c.id, c.email, c.first_name, c.last_name, c.date_added, c.first_referrer_id, c.first_referred_at,
			       c.last_referrer_id, c.last_referred_at""";

	/** A contact with the chosen columns' values (column order). */
	public record Row(ContactSummary contact, List<BigDecimal> values) {
	}

	private final JdbcClient jdbc;

	private final JdbcClient streaming;

	ContactGroupSearch(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
		JdbcTemplate template = new JdbcTemplate(dataSource);
		template.setFetchSize(500);
		this.streaming = JdbcClient.create(template);
	}

	/**
	 * {@code group} may be null (every contact); {@code columns} may be
	 * {@link ListColumnSelection#none()}.
	 */
	public Page<Row> search(String term, ContactGroupFilter.Predicate group, ListColumnSelection columns,
			Pageable pageable) {
		Map<String, Object> params = new HashMap<>(columns.params());
		String where = where(term, group, columns, params);
		String from = " from contact c\n" + columns.joins();
		long total = this.jdbc.sql("select count(*)" + from + where).params(params).query(Long.class).single();
		if (total == 0 || pageable.getOffset() >= total) {
			return new PageImpl<>(List.of(), pageable, total);
		}
		params.put("limit", pageable.getPageSize());
		params.put("offset", pageable.getOffset());
		List<Row> rows = this.jdbc
			.sql(SELECT + columns.selectSql() + from + where + orderBy(pageable.getSort(), columns)
					+ " limit :limit offset :offset")
			.params(params)
			.query((rs, n) -> new Row(summary(rs, n), columns.values(rs)))
			.list();
		return new PageImpl<>(rows, pageable, total);
	}

	/** Every match in list order, streamed (CSV export). */
	public void forEach(String term, ContactGroupFilter.Predicate group, ListColumnSelection columns, Sort sort,
			Consumer<Row> action) {
		Map<String, Object> params = new HashMap<>(columns.params());
		String sql = SELECT + columns.selectSql() + " from contact c\n" + columns.joins()
				+ where(term, group, columns, params) + orderBy(sort, columns);
		this.streaming.sql(sql)
			.params(params)
			.query((RowCallbackHandler) rs -> action.accept(new Row(summary(rs, 0), columns.values(rs))));
	}

	private static String where(String term, ContactGroupFilter.Predicate group, ListColumnSelection columns,
			Map<String, Object> params) {
		List<String> conditions = new ArrayList<>();
		if (group != null) {
			conditions.add(group.sql());
			params.putAll(group.params());
		}
		if (columns.where() != null) {
			conditions.add(columns.where());
		}
		String text = term == null ? "" : term.strip().toLowerCase(Locale.ROOT);
		if (!text.isEmpty()) {
			conditions.add("(lower(c.email) like :term escape '\\' or lower(c.first_name || ' ' || c.last_name) "
					+ "like :term escape '\\')");
			params.put("term", "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
		}
		return conditions.isEmpty() ? "" : "where " + String.join(" and ", conditions) + "\n";
	}

	private static String orderBy(Sort sort, ListColumnSelection columns) {
		List<String> terms = new ArrayList<>();
		for (Sort.Order order : sort) {
			String column = COLUMNS.get(order.getProperty());
			if (column != null) {
				terms.add(column + (order.isAscending() ? " asc" : " desc"));
			}
			else {
				// no value (avg of nothing) sorts last either way
				columns.sortSql(order.getProperty())
					.ifPresent(sql -> terms.add(sql + (order.isAscending() ? " asc" : " desc") + " nulls last"));
			}
		}
		if (terms.isEmpty()) {
			terms.add("c.date_added desc");
			terms.add("c.id desc");
		}
		return " order by " + String.join(", ", terms);
	}

	private static ContactSummary summary(ResultSet rs, int n) throws SQLException {
		return new ContactSummary(rs.getLong("id"), rs.getString("email"), rs.getString("first_name"),
				rs.getString("last_name"), instant(rs, "date_added"), rs.getObject("first_referrer_id", Long.class),
				instant(rs, "first_referred_at"), rs.getObject("last_referrer_id", Long.class),
				instant(rs, "last_referred_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

}
