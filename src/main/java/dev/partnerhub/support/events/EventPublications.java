package dev.partnerhub.support.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.partnerhub.support.PartnerhubProperties;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Upkeep of Spring Modulith's event publication registry ({@code event_publication},
 * V24).
 * <p>
 * Resubmission: a publication still incomplete {@code partnerhub.events.resubmit-after}
 * (1 min) after it was published belongs to a listener that failed or to an instance that
 * died; it is handed to its listener again, soon after start-up and then every
 * {@code partnerhub.events.resubmit-interval} (1 min), under ShedLock so one instance
 * does it (the registry's conditional {@code RESUBMITTED} update keeps two from taking
 * the same row anyway). Registry-backed listeners are idempotent, so a slow listener that
 * is resubmitted while still running does no harm. A publication that failed
 * {@code partnerhub.events.max-attempts} (10) times is left for an operator (status
 * {@code FAILED}, docs/architecture.md "Events"). This replaces Modulith's all-at-once
 * {@code republish-outstanding-events-on-restart}, which would also resubmit what other
 * instances are working on.
 * <p>
 * Cleanup: completed publications older than {@code partnerhub.events.keep-completed} (7
 * days) are deleted hourly.
 */
@Component
class EventPublications {

	private static final Logger log = LoggerFactory.getLogger(EventPublications.class);

	private final IncompleteEventPublications incomplete;

	private final CompletedEventPublications completed;

	private final Duration resubmitAfter;

	private final int maxAttempts;

	private final Duration keepCompleted;

	private final Clock clock;

	EventPublications(IncompleteEventPublications incomplete, CompletedEventPublications completed,
			PartnerhubProperties properties, Clock clock) {
		this.incomplete = incomplete;
		this.completed = completed;
		this.resubmitAfter = properties.events().resubmitAfter();
		this.maxAttempts = properties.events().maxAttempts();
		this.keepCompleted = properties.events().keepCompleted();
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${partnerhub.events.resubmit-interval:PT1M}",
			initialDelayString = "${partnerhub.events.resubmit-initial-delay:PT10S}")
	@SchedulerLock(name = "event-publications-resubmit", lockAtMostFor = "PT10M", lockAtLeastFor = "PT5S")
	void resubmitScheduled() {
		try {
			resubmit(this.resubmitAfter);
		}
		catch (RuntimeException ex) {
			log.warn("Could not resubmit incomplete event publications; will retry: {}", ex.toString());
		}
	}

	/**
	 * Hands every incomplete publication older than {@code minAge} (and not given up on)
	 * to its listener again.
	 */
	void resubmit(Duration minAge) {
		// the registry stamps publication dates with the same clock bean
		Instant before = this.clock.instant().minus(minAge);
		this.incomplete.resubmitIncompletePublications(
				publication -> publication.getPublicationDate().isBefore(before) && retryable(publication));
	}

	private boolean retryable(EventPublication publication) {
		if (publication.getCompletionAttempts() < this.maxAttempts) {
			return true;
		}
		log.warn("Event publication {} for {} failed {} times; left for an operator", publication.getIdentifier(),
				publication.getEvent().getClass().getSimpleName(), publication.getCompletionAttempts());
		return false;
	}

	@Scheduled(cron = "${partnerhub.events.cleanup-cron:0 17 * * * *}", zone = "UTC")
	@SchedulerLock(name = "event-publications-cleanup", lockAtMostFor = "PT30M", lockAtLeastFor = "PT30S")
	void deleteCompleted() {
		this.completed.deletePublicationsOlderThan(this.keepCompleted);
	}

}
