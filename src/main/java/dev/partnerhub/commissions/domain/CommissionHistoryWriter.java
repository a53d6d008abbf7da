package dev.partnerhub.commissions.domain;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import dev.partnerhub.commissions.CommissionHistory;
import dev.partnerhub.commissions.CommissionStatus;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * {@link CommissionHistory}: reads the programs and orders through their published views.
 */
@Service
class CommissionHistoryWriter implements CommissionHistory {

	private final JdbcClient jdbc;

	CommissionHistoryWriter(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void backdateLifecycle(Instant now) {
		Timestamp at = Timestamp.from(now);
		this.jdbc.sql("""
				update commission c set status = 'approved',
				       approved_at = c.transaction_date + make_interval(days => coalesce(pr.approval_delay_days, 14)),
				       version = c.version + 1
				from partner_directory p join program_catalog pr on pr.id = p.program_id
				where p.id = c.partner_id and c.status = 'pending' and c.clawback_of is null
				  and c.transaction_date + make_interval(days => coalesce(pr.approval_delay_days, 14)) < :now
				""").param("now", at).update();
		this.jdbc.sql("""
				update commission set status = 'declined', approved_at = null, version = version + 1
				where id % 23 = 0 and status in ('pending', 'approved')
				  and transaction_date < cast(:now as timestamptz) - interval '20 days'
				""").param("now", at).update();
		this.jdbc.sql("""
				update commission set status = 'paid', paid_at = transaction_date + interval '60 days',
				       version = version + 1
				where status = 'approved' and transaction_date < cast(:now as timestamptz) - interval '75 days'
				""").param("now", at).update();
	}

	@Override
	public List<String> ordersWhollyIn(CommissionStatus status) {
		return this.jdbc.sql("""
				select o.order_id from order_ledger o
				where exists (select 1 from commission c where c.order_id = o.id)
				  and not exists (select 1 from commission c where c.order_id = o.id and c.status <> :status)
				order by o.id
				""").param("status", status.value()).query(String.class).list();
	}

}
