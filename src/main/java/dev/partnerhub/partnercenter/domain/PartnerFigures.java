package dev.partnerhub.partnercenter.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.partnerhub.partnercenter.domain.PartnerCenterQueries.Bucket;
import dev.partnerhub.partnercenter.domain.PartnerCenterQueries.Earnings;
import dev.partnerhub.partnercenter.domain.PartnerCenterQueries.Figures;
import dev.partnerhub.partnercenter.domain.PartnerCenterQueries.ReportRow;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static dev.partnerhub.partnercenter.domain.PartnerCenterQueries.money;
import static dev.partnerhub.partnercenter.domain.PartnerCenterQueries.ts;

/**
 * The partner dashboard's numbers for a date range: clicks, leads, sales and earnings per
 * currency, earnings over time, and the report by promo tool or SubID. Set-based
 * statements filtered on the logged-in partner's id ({@code me}); no transaction, as
 * {@link PartnerCenterQueries} explains.
 */
@Repository
public class PartnerFigures {

	private final JdbcClient jdbc;

	PartnerFigures(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The dashboard's figures for a date range (UTC days, both inclusive), in one
	 * statement: clicks and leads, and his commissions' sales and sums per currency (one
	 * row each; amounts of different currencies are never added).
	 */
	public Figures figures(long me, DateRange range) {
		long[] counts = new long[2];
		List<Earnings> earnings = new ArrayList<>();
		this.jdbc.sql("""
				select k.clicks, l.leads, s.currency, s.sales, s.pending, s.approved, s.paid, s.earned
				from (select count(*) as clicks from click_log
				      where partner_id = :me and clicked_at >= :from and clicked_at < :to and not bot) k
				cross join (select count(*) as leads from contact_directory
				      where (first_referrer_id = :me or last_referrer_id = :me)
				        and date_added >= :from and date_added < :to) l
				left join (select currency,
				             count(distinct order_id) filter (where tier = 1 and charge_id is null
				                                                and clawback_of is null) as sales,
				             coalesce(sum(amount) filter (where status = 'pending'), 0) as pending,
				             coalesce(sum(amount) filter (where status = 'approved'), 0) as approved,
				             coalesce(sum(amount) filter (where status = 'paid'), 0) as paid,
				             coalesce(sum(amount) filter (where status in ('pending', 'approved', 'paid')), 0) as earned
				      from commission_ledger
				      where partner_id = :me and transaction_date >= :from and transaction_date < :to
				      group by currency) s on true
				order by s.currency
				""")
			.param("me", me)
			.param("from", ts(range.start()))
			.param("to", ts(range.end()))
			.query((RowCallbackHandler) rs -> {
				counts[0] = rs.getLong("clicks");
				counts[1] = rs.getLong("leads");
				if (rs.getString("currency") != null) {
					earnings.add(new Earnings(rs.getString("currency"), rs.getLong("sales"), money(rs, "pending"),
							money(rs, "approved"), money(rs, "paid"), money(rs, "earned")));
				}
			});
		// an order's tier-1 sale is in one currency, so the sales per currency add up to
		// his distinct sales
		long sales = earnings.stream().mapToLong(Earnings::sales).sum();
		return new Figures(counts[0], counts[1], sales, earnings);
	}

	/**
	 * Earnings in one currency (his program's: a chart adds amounts up, so it never mixes
	 * currencies) — pending, approved and paid commissions, clawbacks deducted — per day
	 * or per week (weeks start on Monday), only the buckets that have any; the caller
	 * fills the empty ones.
	 */
	public List<Bucket> earningsOverTime(long me, String currency, DateRange range, boolean weekly) {
		return this.jdbc.sql("""
				select date_trunc(:unit, transaction_date at time zone 'UTC')::date as bucket, sum(amount) as amount
				from commission_ledger
				where partner_id = :me and transaction_date >= :from and transaction_date < :to
				  and status in ('pending', 'approved', 'paid') and currency = :currency
				group by 1 order by 1
				""")
			.param("unit", weekly ? "week" : "day")
			.param("me", me)
			.param("from", ts(range.start()))
			.param("to", ts(range.end()))
			.param("currency", currency)
			.query((rs, n) -> new Bucket(rs.getObject("bucket", LocalDate.class), rs.getBigDecimal("amount")))
			.list();
	}

	/**
	 * The report by promo tool or by SubID: clicks (his non-bot clicks), leads (contacts
	 * added in the range whose first or last referrer he is), sales and earnings (his
	 * commissions in the range; earnings only those in {@code currency}, his program's,
	 * so a row never adds currencies). Leads, sales and earnings are attributed to a
	 * tool/SubID through the click token stored on the contact's referral trail (V5_2):
	 * the referral that names him (sales: the one the order's credit rule used). A
	 * partner-code referral, or a trail a later referral overwrote, has no click: it is
	 * reported under "no promo tool" / "no SubID".
	 */
	public List<ReportRow> report(long me, String currency, DateRange range, boolean bySub) {
		String key = bySub ? "k.sub_id" : "k.promo_tool_id::text";
		List<ReportRow> rows = new ArrayList<>();
		Map<String, Object> params = Map.of("me", me, "from", ts(range.start()), "to", ts(range.end()), "currency",
				currency);
		rows.addAll(this.jdbc.sql("""
				select %s as key, count(*) as n from click_log k
				where k.partner_id = :me and k.clicked_at >= :from and k.clicked_at < :to and not k.bot
				group by 1
				""".formatted(key))
			.params(params)
			.query((rs, n) -> new ReportRow(rs.getString("key"), rs.getLong("n"), 0, 0, BigDecimal.ZERO))
			.list());
		rows.addAll(this.jdbc.sql("""
				select %s as key, count(*) as n from contact_directory c
				left join click_log k on k.partner_id = :me and k.token =
				    case when c.last_referrer_id = :me then c.last_referral else c.first_referral end
				where (c.first_referrer_id = :me or c.last_referrer_id = :me)
				  and c.date_added >= :from and c.date_added < :to
				group by 1
				""".formatted(key))
			.params(params)
			.query((rs, n) -> new ReportRow(rs.getString("key"), 0, rs.getLong("n"), 0, BigDecimal.ZERO))
			.list());
		rows.addAll(this.jdbc.sql("""
				select %s as key,
				       count(distinct cm.order_id) filter (where cm.tier = 1 and cm.charge_id is null
				                                           and cm.clawback_of is null) as sales,
				       coalesce(sum(cm.amount) filter (where cm.status in ('pending', 'approved', 'paid')
				                                     and cm.currency = :currency), 0) as earned
				from commission_ledger cm
				join order_ledger o on o.id = cm.order_id
				join contact_directory ct on ct.id = o.contact_id
				left join click_log k on k.partner_id = :me and k.token =
				    case when o.credit_rule = 'first' then ct.first_referral else ct.last_referral end
				where cm.partner_id = :me and cm.transaction_date >= :from and cm.transaction_date < :to
				group by 1
				""".formatted(key))
			.params(params)
			.query((rs, n) -> new ReportRow(rs.getString("key"), 0, 0, rs.getLong("sales"), rs.getBigDecimal("earned")))
			.list());
		return rows;
	}

}
