package dev.partnerhub.console;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import dev.partnerhub.support.DayRange;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dashboard's figures, read only through the views the owners publish
 * ({@code commission_ledger}, {@code order_ledger}, {@code order_first_purchase},
 * {@code click_log}, {@code contact_directory}, {@code partner_directory}): console owns
 * no table. Each query filters the way the list behind its figure does (commissions by
 * transaction date and the earning partner's program, orders by date and the credited
 * partner, clicks by the click's program without duplicates), so the figure and its link
 * agree. Amounts are never added across currencies.
 */
@Component
@Transactional(readOnly = true)
class DashboardQueries {

	/** Commissions that count as earned in the top list and the trend. */
	static final String EARNED = "('pending', 'held', 'approved', 'paid')";

	static final java.util.Set<String> EARNED_STATUSES = java.util.Set.of("pending", "held", "approved", "paid");

	private final JdbcClient jdbc;

	DashboardQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Commissions of one bucket, status and currency. */
	record StatusPoint(LocalDate bucket, String status, String currency, long count, BigDecimal amount) {
	}

	record Funnel(long clicks, long leads, long customers, long sales) {
	}

	record TopPartner(long partnerId, String code, String currency, long count, BigDecimal amount) {
	}

	/** One trend bucket (its first day) of one series. */
	record Point(LocalDate bucket, String currency, long count, BigDecimal amount) {
	}

	/**
	 * Commissions per trend bucket, status and currency: one pass over the daily totals
	 * commissions keeps ({@code commission_day_summary}, by UTC day and the program the
	 * commission was earned in) gives both the status totals and the trend.
	 */
	List<StatusPoint> commissionBuckets(DashboardRange range, @Nullable Long program) {
		return this.jdbc.sql("""
				select cast(date_trunc(:unit, s.day) as date) as bucket, s.status, s.currency, sum(s.n) as n,
				       sum(s.amount) as amount
				from commission_day_summary s
				where s.day >= :startDay and s.day < :endDay %s
				group by 1, 2, 3
				""".formatted(program == null ? "" : "and s.program_id = :program"))
			.params(params(range, program))
			.param("startDay", LocalDate.ofInstant(range.start(), ZoneOffset.UTC))
			.param("endDay", LocalDate.ofInstant(range.end(), ZoneOffset.UTC))
			.param("unit", range.unit())
			.query((rs, n) -> new StatusPoint(rs.getObject("bucket", LocalDate.class), rs.getString("status"),
					rs.getString("currency"), rs.getLong("n"), rs.getBigDecimal("amount")))
			.list();
	}

	/** The funnel; {@code clicks} and {@code sales} as counted by their trends. */
	Funnel funnel(DashboardRange range, @Nullable Long program, long clicks, long sales) {
		long leads = this.jdbc
			.sql("""
					select count(*) from contact_directory ct %s
					where ct.first_referrer_id is not null and ct.date_added >= :start and ct.date_added < :end
					""".formatted(program == null ? ""
					: "join partner_directory p on p.id = ct.first_referrer_id and p.program_id = :program"))
			.params(params(range, program))
			.query(Long.class)
			.single();
		// a customer: a contact whose first paid-for order (orders' view, which the
		// orders list's first=yes reads too) falls in the range, credited to a partner
		long customers = this.jdbc.sql("""
				select count(distinct o.contact_id) from order_first_purchase o %s
				where o.referrer_id is not null and o.occurred_at >= :start and o.occurred_at < :end
				""".formatted(referrerJoin(program))).params(params(range, program)).query(Long.class).single();
		return new Funnel(clicks, leads, customers, sales);
	}

	long newPartners(DashboardRange range, @Nullable Long program) {
		return this.jdbc.sql("""
				select count(*) from partner_directory p
				where p.created_at >= :start and p.created_at < :end %s
				""".formatted(program == null ? "" : "and p.program_id = :program"))
			.params(params(range, program))
			.query(Long.class)
			.single();
	}

	/** Sign-ups awaiting approval, whenever they signed up. */
	long awaitingApproval(@Nullable Long program) {
		return this.jdbc
			.sql("select count(*) from partner_directory p where p.status = 'pending' "
					+ (program == null ? "" : "and p.program_id = :program"))
			.params(program == null ? java.util.Map.of() : java.util.Map.of("program", program))
			.query(Long.class)
			.single();
	}

	List<TopPartner> topByRevenue(DashboardRange range, @Nullable Long program) {
		return this.jdbc.sql("""
				select p.id, p.code, o.currency, count(*) as n, sum(o.total) as amount
				from order_ledger o join partner_directory p on p.id = o.referrer_id
				where o.occurred_at >= :start and o.occurred_at < :end %s
				group by p.id, p.code, o.currency order by amount desc, p.code limit 10
				""".formatted(program == null ? "" : "and p.program_id = :program"))
			.params(params(range, program))
			.query((rs, n) -> new TopPartner(rs.getLong("id"), rs.getString("code"), rs.getString("currency"),
					rs.getLong("n"), rs.getBigDecimal("amount")))
			.list();
	}

	/**
	 * Earned commissions per partner: whole calendar months of the range from the monthly
	 * totals commissions keeps ({@code commission_partner_month_summary}), the days
	 * before and after them from the covering index {@code commission_dashboard_idx}
	 * alone. The program is the one a commission was earned in, as in the commission
	 * list.
	 */
	List<TopPartner> topByCommission(DashboardRange range, @Nullable Long program) {
		LocalDate startDay = LocalDate.ofInstant(range.start(), ZoneOffset.UTC);
		LocalDate endDay = LocalDate.ofInstant(range.end(), ZoneOffset.UTC);
		LocalDate firstWhole = (startDay.getDayOfMonth() == 1) ? startDay : startDay.plusMonths(1).withDayOfMonth(1);
		LocalDate wholeEnd = endDay.withDayOfMonth(1);
		if (!firstWhole.isBefore(wholeEnd)) {
			// no whole month: every day from the index
			firstWhole = endDay;
			wholeEnd = endDay;
		}
		String programCondition = (program == null) ? "" : "and c.program_id = :program";
		String raw = """
				select c.partner_id, c.currency, count(*) as n, sum(c.amount) as amount
				from commission_ledger c
				where c.transaction_date >= %s and c.transaction_date < %s and c.status in %s %s
				group by c.partner_id, c.currency
				""";
		return this.jdbc
			.sql("""
					select p.id, p.code, t.currency, t.n, t.amount
					from (select partner_id, currency, sum(n) as n, sum(amount) as amount
					      from (%s
					            union all
					            %s
					            union all
					            select m.partner_id, m.currency, sum(m.n), sum(m.amount)
					            from commission_partner_month_summary m
					            where m.month >= :firstWhole and m.month < :wholeEnd %s
					            group by m.partner_id, m.currency) u
					      group by partner_id, currency) t
					join partner_directory p on p.id = t.partner_id
					order by t.amount desc, p.code limit 10
					""".formatted(raw.formatted(":start", ":head", EARNED, programCondition),
					raw.formatted(":tail", ":end", EARNED, programCondition),
					(program == null) ? "" : "and m.program_id = :program"))
			.params(params(range, program))
			.param("head", DayRange.startTimestamp(firstWhole))
			.param("tail", DayRange.startTimestamp(wholeEnd))
			.param("firstWhole", firstWhole)
			.param("wholeEnd", wholeEnd)
			.query((rs, n) -> new TopPartner(rs.getLong("id"), rs.getString("code"), rs.getString("currency"),
					rs.getLong("n"), rs.getBigDecimal("amount")))
			.list();
	}

	/**
	 * Orders credited to a partner per bucket and currency: the trend, and summed up the
	 * revenue and the sales.
	 */
	List<Point> revenueTrend(DashboardRange range, @Nullable Long program) {
		return this.jdbc.sql("""
				select cast(date_trunc(:unit, o.occurred_at at time zone 'UTC') as date) as bucket, o.currency,
				       count(*) as n, sum(o.total) as amount
				from order_ledger o %s
				where o.referrer_id is not null and o.occurred_at >= :start and o.occurred_at < :end
				group by 1, 2 order by 1, 2
				""".formatted(referrerJoin(program)))
			.params(params(range, program))
			.param("unit", range.unit())
			.query((rs, n) -> new Point(rs.getObject("bucket", LocalDate.class), rs.getString("currency"),
					rs.getLong("n"), rs.getBigDecimal("amount")))
			.list();
	}

	/** Clicks (without duplicates) per bucket. */
	List<Point> clickTrend(DashboardRange range, @Nullable Long program) {
		return this.jdbc.sql("""
				select cast(date_trunc(:unit, k.clicked_at at time zone 'UTC') as date) as bucket, count(*) as n
				from click_log k
				where not k.duplicate and k.clicked_at >= :start and k.clicked_at < :end %s
				group by 1 order by 1
				""".formatted(program == null ? "" : "and k.program_id = :program"))
			.params(params(range, program))
			.param("unit", range.unit())
			.query((rs, n) -> new Point(rs.getObject("bucket", LocalDate.class), "", rs.getLong("n"), BigDecimal.ZERO))
			.list();
	}

	private static String referrerJoin(@Nullable Long program) {
		return program == null ? "" : "join partner_directory p on p.id = o.referrer_id and p.program_id = :program";
	}

	private static java.util.Map<String, Object> params(DashboardRange range, @Nullable Long program) {
		java.util.Map<String, Object> params = new java.util.HashMap<>();
		params.put("start", Timestamp.from(range.start()));
		params.put("end", Timestamp.from(range.end()));
		if (program != null) {
			params.put("program", program);
		}
		return params;
	}

}
