package dev.partnerhub.commissions.domain;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Folds the deltas that the commission table's statement triggers append
 * ({@code commission_total_delta}, V49) into the daily and per-partner totals. The
 * published views add totals and deltas, so they are exact whether or not this has run;
 * folding only keeps the deltas few. Appending instead of updating keeps concurrent order
 * transactions from queueing on one "today, pending" row.
 */
@Component
public class CommissionTotals {

	private static final Logger log = LoggerFactory.getLogger(CommissionTotals.class);

	private final JdbcClient jdbc;

	CommissionTotals(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Folds every delta committed so far; returns how many delta rows it folded. */
	@Transactional
	public long compact() {
		return this.jdbc.sql("select commission_totals_compact()").query(Long.class).single();
	}

	@Scheduled(fixedDelayString = "${partnerhub.jobs.commission-totals.interval:PT10S}",
			initialDelayString = "${partnerhub.jobs.commission-totals.initial-delay:PT10S}")
	@SchedulerLock(name = "commission-totals", lockAtMostFor = "PT5M")
	public void scheduled() {
		long folded = compact();
		if (folded > 10_000) {
			// after a bulk load (an import, a mass approval) the totals' planner
			// statistics
			// are stale until autovacuum gets to them; these tables are small enough to
			// analyze at once
			this.jdbc.sql("analyze commission_day_total, commission_partner_total, commission_partner_month_total")
				.update();
			log.info("Folded {} commission total deltas", folded);
		}
	}

}
