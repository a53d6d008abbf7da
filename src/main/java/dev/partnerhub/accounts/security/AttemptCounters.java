package dev.partnerhub.accounts.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jspecify.annotations.Nullable;

/**
 * Fixed-window counters that are taken before the work they limit: {@link #take} checks
 * the limit and counts in one atomic step per key, so parallel requests can never pass
 * more often than the limit. In memory and per instance (reset by a restart), which is
 * enough for throttling; the number of keys is bounded.
 */
final class AttemptCounters {

	private static final int MAX_TRACKED = 100_000;

	/** One key's limit: at most {@code max} in {@code window}. */
	record Limit(String key, int max, Duration window) {
	}

	/** What {@link #take} counted, to be handed back with {@link #give}. */
	record Taken(List<Slot> slots) {
	}

	record Slot(String key, Instant windowStart) {
	}

	private record Window(int count, Instant start, Duration length) {

		boolean over(Instant now) {
			return !now.isBefore(this.start.plus(this.length));
		}

	}

	private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

	private final Clock clock;

	private volatile Instant lastPurge = Instant.EPOCH;

	AttemptCounters(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Counts one attempt under every limit, or under none when any of them is used up
	 * (then null). Each key is checked and counted atomically; a refusal by a later key
	 * gives back what the earlier keys counted.
	 */
	@Nullable Taken take(List<Limit> limits) {
		Instant now = this.clock.instant();
		purgeIfFull(now);
		List<Slot> slots = new ArrayList<>(limits.size());
		for (Limit limit : limits) {
			Instant[] start = new Instant[1];
			this.windows.compute(limit.key(), (key, window) -> {
				if (window == null || window.over(now)) {
					start[0] = now;
					return new Window(1, now, limit.window());
				}
				if (window.count() >= limit.max()) {
					return window;
				}
				start[0] = window.start();
				return new Window(window.count() + 1, window.start(), window.length());
			});
			if (start[0] == null) {
				give(new Taken(slots));
				return null;
			}
			slots.add(new Slot(limit.key(), start[0]));
		}
		return new Taken(List.copyOf(slots));
	}

	/** Gives back what {@link #take} counted (unless its window has passed meanwhile). */
	void give(Taken taken) {
		for (Slot slot : taken.slots()) {
			this.windows.computeIfPresent(slot.key(), (key, window) -> {
				if (!window.start().equals(slot.windowStart())) {
					return window;
				}
				return window.count() <= 1 ? null : new Window(window.count() - 1, window.start(), window.length());
			});
		}
	}

	/** Forgets a key (its owner proved himself). */
	void clear(String key) {
		this.windows.remove(key);
	}

	/** How many attempts a key has in its current window. */
	int count(String key) {
		Window window = this.windows.get(key);
		return window == null || window.over(this.clock.instant()) ? 0 : window.count();
	}

	private void purgeIfFull(Instant now) {
		// at most every 10 s: a flood of new keys must not turn every request into a full
		// scan
		if (this.windows.size() > MAX_TRACKED && now.isAfter(this.lastPurge.plusSeconds(10))) {
			this.lastPurge = now;
			this.windows.values().removeIf(window -> window.over(now));
		}
	}

}
