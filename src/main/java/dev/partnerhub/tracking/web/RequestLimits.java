package dev.partnerhub.tracking.web;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

/**
 * Per-IP fixed-window limits for the public endpoints other sites post to (visit beacons,
 * opt-ins). In memory and per instance: enough to stop one client flooding the database,
 * not a distributed quota.
 */
@Component
class RequestLimits {

	private static final long WINDOW_MILLIS = 60_000;

	private static final int MAX_CLIENTS = 100_000;

	private record Window(long start, AtomicInteger count) {
	}

	private final Map<String, Window> windows = new ConcurrentHashMap<>();

	private final Clock clock;

	RequestLimits(Clock clock) {
		this.clock = clock;
	}

	/**
	 * True while {@code key} (endpoint + IP) made at most {@code perMinute} requests in
	 * the current minute.
	 */
	boolean allow(String key, int perMinute) {
		long now = this.clock.millis();
		if (this.windows.size() > MAX_CLIENTS) {
			this.windows.clear();
		}
		Window window = this.windows.compute(key,
				(k, current) -> current == null || now - current.start() >= WINDOW_MILLIS
						? new Window(now, new AtomicInteger()) : current);
		return window.count().incrementAndGet() <= perMinute;
	}

}
