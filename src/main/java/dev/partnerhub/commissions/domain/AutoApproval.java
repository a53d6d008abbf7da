package dev.partnerhub.commissions.domain;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Approves pending commissions once their program's approval delay has passed (programs
 * without a delay are approved by hand only). Set-based,
 * {@link CommissionLifecycle#CHUNK} per transaction, audited as {@code system}. A manual
 * decline racing it wins or loses cleanly: both only change {@code pending} rows, each
 * row once.
 */
@Component
public class AutoApproval {

	private static final Logger log = LoggerFactory.getLogger(AutoApproval.class);

	private final CommissionLifecycle lifecycle;

	AutoApproval(CommissionLifecycle lifecycle) {
		this.lifecycle = lifecycle;
	}

	/**
	 * Approves everything due now; returns how many. Tests call this directly (no lock,
	 * no schedule).
	 */
	public int approveDue() {
		int total = 0;
		int changed;
		do {
			changed = this.lifecycle.inTransaction(() -> this.lifecycle.autoApproveChunk(CommissionLifecycle.CHUNK));
			total += changed;
		}
		while (changed == CommissionLifecycle.CHUNK);
		return total;
	}

	// One instance at a time (lock row in table shedlock). The long initial delay keeps
	// it out of test runs, which
	// share one application context and call approveDue() themselves.
	@Scheduled(fixedDelayString = "${partnerhub.jobs.auto-approval.interval:PT10M}",
			initialDelayString = "${partnerhub.jobs.auto-approval.initial-delay:PT10M}")
	@SchedulerLock(name = "commission-auto-approval", lockAtMostFor = "PT30M", lockAtLeastFor = "PT30S")
	public void scheduled() {
		int approved = approveDue();
		if (approved > 0) {
			log.info("Auto-approval approved {} commissions", approved);
		}
	}

}
