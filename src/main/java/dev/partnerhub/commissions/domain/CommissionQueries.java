package dev.partnerhub.commissions.domain;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.partnerhub.commissions.CommissionStatus;
import dev.partnerhub.support.InvalidInputException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The commission list: one query with its joins and the total as a window count. */
@Service
@Transactional(readOnly = true)
public class CommissionQueries {

	public static final int MAX_SIZE = 500;

	private final JdbcClient jdbc;

	CommissionQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Filters as they arrive from the query string; blank means "any". Dates are yyyy-MM-dd (UTC) or instants. */
	public record Filter(String partner, String status, String sku, String from, String to) {
	}

	public record Row(long id, String partnerCode, String contactEmail, String orderId, String sku, int tier,
			BigDecimal amount, String currency, String status, Instant transactionDate, Instant approvedAt,
			Instant paidAt) {
	}

	public record Page(List<Row> items, int page, int size, long total) {
	}

	public Page list(Filter filter, int page, int size) {
		if (page < 0) {
			throw new InvalidInputException("page", "Page must be 0 or more.");
		}
		if (size < 1) {
			throw new InvalidInputException("size", "Size must be 1 or more.");
		}
		int limit = Math.min(size, MAX_SIZE);
		List<String> where = new ArrayList<>();
		Map<String, Object> params = new LinkedHashMap<>();
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
		String sql = """
				select c.id, p.code, ct.email, o.order_id, c.sku, c.tier, c.amount, c.currency, c.status,
				       c.transaction_date, c.approved_at, c.paid_at, count(*) over () as total
				from commission c
				join partner p on p.id = c.partner_id
				join contact ct on ct.id = c.contact_id
				join customer_order o on o.id = c.order_id
				""" + (where.isEmpty() ? "" : "where " + String.join(" and ", where) + "\n")
				+ "order by c.transaction_date desc, c.id desc limit :limit offset :offset";
		long[] total = { -1 };
		List<Row> rows = this.jdbc.sql(sql)
			.params(params)
			.param("limit", limit)
			.param("offset", (long) page * limit)
			.query((rs, n) -> {
				total[0] = rs.getLong("total");
				return new Row(rs.getLong("id"), rs.getString("code"), rs.getString("email"),
						rs.getString("order_id"), rs.getString("sku"), rs.getInt("tier"), rs.getBigDecimal("amount"),
						rs.getString("currency"), rs.getString("status"), instant(rs.getTimestamp("transaction_date")),
						instant(rs.getTimestamp("approved_at")), instant(rs.getTimestamp("paid_at")));
			})
			.list();
		if (total[0] < 0) {
			// A page past the end has no row to carry the window count.
			total[0] = page == 0 ? 0 : this.jdbc.sql("""
					select count(*) from commission c
					join partner p on p.id = c.partner_id
					""" + (where.isEmpty() ? "" : "where " + String.join(" and ", where)))
				.params(params)
				.query(Long.class)
				.single();
		}
		return new Page(rows, page, limit, total[0]);
	}

	/** A date means the whole day (UTC): {@code to} is inclusive of it. */
	private static Instant instant(String field, String value, boolean endOfDay) {
		String text = value.strip();
		try {
			if (text.length() == 10) {
				LocalDate date = LocalDate.parse(text);
				return (endOfDay ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			Instant instant = Instant.parse(text);
			return endOfDay ? instant.plusNanos(1000) : instant;
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException(field, "'" + field + "' must be a date (2026-01-31) or an ISO instant.");
		}
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
