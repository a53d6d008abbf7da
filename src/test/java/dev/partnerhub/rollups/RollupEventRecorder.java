package dev.partnerhub.rollups;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records the {@link RollupValueChanged}s of {@link RollupValuesChanged} events in
 * whichever thread publishes them (the background refresher or a test's own drain). A
 * plain component found by the application's component scan: it changes nothing else, so
 * the shared test context stays one context. Keeps the last 20,000 changes.
 */
@Component
class RollupEventRecorder {

	private final ConcurrentLinkedDeque<RollupValueChanged> events = new ConcurrentLinkedDeque<>();

	@EventListener
	void on(RollupValuesChanged event) {
		this.events.addAll(event.changes());
		while (this.events.size() > 20_000) {
			this.events.pollFirst();
		}
	}

	List<RollupValueChanged> of(long rollupFieldId, long contactId) {
		return this.events.stream()
			.filter(e -> e.rollupFieldId() == rollupFieldId && e.contactId() == contactId)
			.toList();
	}

}
