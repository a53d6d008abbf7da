package dev.partnerhub.support;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

/**
 * Per-key fixed-window limits for public forms (sign-up, password reset):
 * {@code allow("signup:" + ip, 10, 3600)}. In memory and per instance: enough to stop one
 * client flooding a form, not a distributed quota.
 */
@Component
public class RateLimiter {

	private static final int MAX_KEYS = 100_000;

	private record Window(long start, AtomicInteger count) {
	}

	private final Map<String, Window> windows = new ConcurrentHashMap<>();

	private final Clock clock;

	RateLimiter(Clock clock) {
		this.clock = clock;
	}

	/**
	 * True while {@code key} made at most {@code limit} requests in the current window of
	 * {@code seconds}.
	 */
	public boolean allow(String key, int limit, long seconds) {
		long now = this.clock.millis();
		long windowMillis = seconds * 1000;
		if (this.windows.size() > MAX_KEYS) {
			this.windows.clear();
		}
		Window window = this.windows.compute(key,
				(k, current) -> current == null || now - current.start() >= windowMillis
						? new Window(now, new AtomicInteger()) : current);
		return window.count().incrementAndGet() <= limit;
	}

}
