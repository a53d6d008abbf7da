package dev.partnerhub.broadcasts.domain;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Starts scheduled announcements when they are due. Safe on several instances: each start
 * is a conditional update (BroadcastService.startDue).
 */
@Component
class BroadcastScheduler {

	private static final Logger log = LoggerFactory.getLogger(BroadcastScheduler.class);

	private final BroadcastService broadcasts;

	private final Clock clock;

	BroadcastScheduler(BroadcastService broadcasts, Clock clock) {
		this.broadcasts = broadcasts;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "PT30S", initialDelayString = "PT20S")
	void startDue() {
		int started = this.broadcasts.startDue(this.clock.instant());
		if (started > 0) {
			log.info("Started {} scheduled announcements", started);
		}
	}

}
