package dev.partnerhub.integrations.domain;

import java.time.Clock;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every minute, on one instance: books the subscriptions' first invoices that waited too
 * long for their Checkout Session (subscriptions made without Checkout), and applies
 * refunds whose order arrived meanwhile.
 */
@Component
class StripeSessionWait {

	private final StripeIngestion ingestion;

	private final Clock clock;

	StripeSessionWait(StripeIngestion ingestion, Clock clock) {
		this.ingestion = ingestion;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${partnerhub.integrations.stripe.sweep-interval:PT1M}", initialDelayString = "PT1M")
	@SchedulerLock(name = "stripe-session-wait", lockAtMostFor = "PT10M")
	void sweep() {
		this.ingestion.openWaiting(this.clock.instant());
	}

}
