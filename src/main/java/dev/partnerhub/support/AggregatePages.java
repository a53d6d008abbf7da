package dev.partnerhub.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.SliceImpl;
import org.springframework.data.domain.Sort;
import org.springframework.data.jdbc.core.convert.EntityRowMapper;
import org.springframework.data.jdbc.core.convert.JdbcConverter;
import org.springframework.data.relational.core.mapping.RelationalPersistentEntity;
import org.springframework.data.relational.core.sql.IdentifierProcessing;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Pages of Spring Data JDBC aggregates found by hand-written SQL: Spring Data JDBC's
 * {@code @Query} methods cannot return a {@code Page} or {@code Slice}. Used by the
 * owning module's {@code *Queries} classes for searches that a derived query cannot
 * express (case-insensitive matches over several columns). Sort properties are the
 * aggregate's property names, as with a repository; an unknown one is refused.
 */
@Component
public class AggregatePages {

	private final JdbcClient jdbc;

	private final JdbcConverter converter;

	AggregatePages(JdbcClient jdbc, JdbcConverter converter) {
		this.jdbc = jdbc;
		this.converter = converter;
	}

	/**
	 * @param fromWhere {@code from <table> where ...} over the aggregate's root table,
	 * without alias
	 */
	public <T> Page<T> page(Class<T> type, String fromWhere, Map<String, ?> params, Pageable pageable) {
		List<T> content = rows(type, fromWhere, params, pageable, 0);
		if (pageable.isUnpaged()) {
			return new PageImpl<>(content);
		}
		if (content.size() < pageable.getPageSize() && (!content.isEmpty() || pageable.getOffset() == 0)) {
			return new PageImpl<>(content, pageable, pageable.getOffset() + content.size());
		}
		long total = this.jdbc.sql("select count(*) " + fromWhere).params(params).query(Long.class).single();
		return new PageImpl<>(content, pageable, total);
	}

	/** A slice without a count: one extra row tells whether another slice follows. */
	public <T> Slice<T> slice(Class<T> type, String fromWhere, Map<String, ?> params, Pageable pageable) {
		List<T> content = new ArrayList<>(rows(type, fromWhere, params, pageable, 1));
		boolean more = pageable.isPaged() && content.size() > pageable.getPageSize();
		if (more) {
			content.remove(content.size() - 1);
		}
		return new SliceImpl<>(content, pageable, more);
	}

	@SuppressWarnings("unchecked")
	private <T> List<T> rows(Class<T> type, String fromWhere, Map<String, ?> params, Pageable pageable, int extra) {
		RelationalPersistentEntity<T> entity = (RelationalPersistentEntity<T>) this.converter.getMappingContext()
			.getRequiredPersistentEntity(type);
		StringBuilder sql = new StringBuilder("select * ").append(fromWhere)
			.append(orderBy(entity, pageable.getSort()));
		if (pageable.isPaged()) {
			sql.append(" limit ")
				.append(pageable.getPageSize() + extra)
				.append(" offset ")
				.append(pageable.getOffset());
		}
		return this.jdbc.sql(sql.toString()).params(params).query(new EntityRowMapper<>(entity, this.converter)).list();
	}

	private static String orderBy(RelationalPersistentEntity<?> entity, Sort sort) {
		if (sort.isUnsorted()) {
			return "";
		}
		List<String> terms = new ArrayList<>();
		for (Sort.Order order : sort) {
			String column = entity.getRequiredPersistentProperty(order.getProperty())
				.getColumnName()
				.toSql(IdentifierProcessing.NONE);
			String term = order.isIgnoreCase() ? "lower(" + column + ")" : column;
			terms.add(term + (order.isAscending() ? " asc" : " desc") + switch (order.getNullHandling()) {
				case NULLS_FIRST -> " nulls first";
				case NULLS_LAST -> " nulls last";
				default -> "";
			});
		}
		return " order by " + String.join(", ", terms);
	}

}
