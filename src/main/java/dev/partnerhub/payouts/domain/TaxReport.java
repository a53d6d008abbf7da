package dev.partnerhub.payouts.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import dev.partnerhub.support.DayRange;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Yearly report of what was paid: per partner and currency (never summed across
 * currencies), paid items with {@code paid_at} in the year (UTC), with the partner's tax
 * details (tax id masked). The 1099-NEC filter keeps US persons whose amount in a
 * currency is at or above a threshold.
 */
@Service
@Transactional(readOnly = true)
public class TaxReport {

	private final JdbcClient jdbc;

	TaxReport(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public record Row(String partnerCode, String name, String email, @Nullable String legalName,
			@Nullable String country, @Nullable String taxIdMask, @Nullable String entityType,
			@Nullable Boolean usPerson, String currency, BigDecimal amount, int payments) {
	}

	/** {@code usThreshold} null = every partner; else US persons at or above it. */
	public List<Row> rows(int year, BigDecimal usThreshold) {
		LocalDate from = LocalDate.of(year, 1, 1);
		return this.jdbc.sql("""
				select p.code, ct.first_name, ct.last_name, ct.email, t.legal_name, t.country, t.tax_id_mask,
				       t.entity_type, t.us_person, s.currency, s.amount, s.n
				from (select partner_id, currency, sum(amount) as amount, count(*) as n
				      from payout_item
				      where status = 'paid' and paid_at >= :from and paid_at < :to
				      group by partner_id, currency) s
				join partner_directory p on p.id = s.partner_id
				join contact_directory ct on ct.id = p.contact_id
				left join payout_tax_details t on t.partner_id = s.partner_id
				where cast(:threshold as numeric) is null
				   or (t.us_person and s.amount >= cast(:threshold as numeric))
				order by p.code, s.currency
				""")
			.param("from", DayRange.startTimestamp(from))
			.param("to", DayRange.startTimestamp(from.plusYears(1)))
			.param("threshold", usThreshold, java.sql.Types.NUMERIC)
			.query((rs, n) -> new Row(rs.getString("code"),
					(rs.getString("first_name") + " " + rs.getString("last_name")).strip(), rs.getString("email"),
					rs.getString("legal_name"), rs.getString("country"), rs.getString("tax_id_mask"),
					rs.getString("entity_type"), (Boolean) rs.getObject("us_person"), rs.getString("currency"),
					rs.getBigDecimal("amount"), rs.getInt("n")))
			.list();
	}

}
