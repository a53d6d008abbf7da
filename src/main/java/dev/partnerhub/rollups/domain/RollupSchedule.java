package dev.partnerhub.rollups.domain;

import java.time.LocalDate;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The background side of rollups: drains the dirty set about every second (instances
 * share the work: claims skip locked marks, writes take one lock) and refreshes the
 * relative-date rollups once per UTC day (checked every five minutes and soon after
 * start-up, so a missed midnight is caught up). Recomputes after an edit are jobs of the
 * jobs facility ({@link RollupRecomputes}), resumed by its sweeper.
 */
@Component
class RollupSchedule {

	private static final Logger log = LoggerFactory.getLogger(RollupSchedule.class);

	private final RollupEngine engine;

	private final RollupRecomputes recomputes;

	RollupSchedule(RollupEngine engine, RollupRecomputes recomputes) {
		this.engine = engine;
		this.recomputes = recomputes;
	}

	@Scheduled(fixedDelayString = "${partnerhub.rollups.refresh-interval:PT1S}",
			initialDelayString = "${partnerhub.rollups.refresh-initial-delay:PT2S}")
	void drain() {
		try {
			if (this.engine.pending()) {
				long start = System.nanoTime();
				int partners = this.engine.drain();
				log.debug("Rollup refresh: {} partner recomputes in {} ms", partners,
						(System.nanoTime() - start) / 1_000_000);
			}
		}
		catch (RuntimeException ex) {
			// The marks stay (the transaction rolled back): the next run retries them.
			log.warn("Rollup refresh failed; will retry", ex);
		}
	}

	@Scheduled(fixedDelayString = "${partnerhub.rollups.daily-check-interval:PT5M}",
			initialDelayString = "${partnerhub.rollups.daily-check-initial-delay:PT30S}")
	@SchedulerLock(name = "rollup-relative-refresh", lockAtMostFor = "PT2H", lockAtLeastFor = "PT10S")
	void daily() {
		LocalDate today = this.engine.today();
		LocalDate last = this.recomputes.relativeRefreshedOn();
		if (last == null || last.isBefore(today)) {
			int changed = this.recomputes.refreshRelative(today);
			log.info("Relative-date rollups refreshed for {}: {} values changed", today, changed);
		}
	}

}
