package dev.partnerhub.accounts.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: after {@value #MAX_FAILURES} failed logins for one user name (or from one address)
 * within the window, further attempts are refused until the window has passed. Kept in memory: per instance, and
 * reset by a restart, which is acceptable for throttling.
 */
@Component
public class LoginThrottle {

	static final int MAX_FAILURES = 5;

	static final Duration WINDOW = Duration.ofMinutes(15);

	private static final int MAX_TRACKED = 100_000;

	private final ConcurrentMap<String, Failures> failures = new ConcurrentHashMap<>();

	private final Clock clock;

	LoginThrottle(Optional<Clock> clock) {
		this.clock = clock.orElse(Clock.systemUTC());
	}

	public boolean isBlocked(String username, String address) {
		Instant now = this.clock.instant();
		return blocked(userKey(username), now) || blocked(addressKey(address), now);
	}

	public void failed(String username, String address) {
		Instant now = this.clock.instant();
		if (this.failures.size() > MAX_TRACKED) {
			this.failures.values().removeIf(f -> f.expired(now));
		}
		this.failures.merge(userKey(username), new Failures(1, now), (old, one) -> old.add(now));
		// Addresses get more room: several people may share one (an office behind NAT).
		this.failures.merge(addressKey(address), new Failures(1, now), (old, one) -> old.add(now));
	}

	public void succeeded(String username) {
		this.failures.remove(userKey(username));
	}

	private boolean blocked(String key, Instant now) {
		Failures f = this.failures.get(key);
		if (f == null) {
			return false;
		}
		if (f.expired(now)) {
			this.failures.remove(key, f);
			return false;
		}
		int limit = key.startsWith("ip:") ? MAX_FAILURES * 4 : MAX_FAILURES;
		return f.count() >= limit;
	}

	private static String userKey(String username) {
		return "user:" + (username == null ? "" : username.strip().toLowerCase(Locale.ROOT));
	}

	private static String addressKey(String address) {
		return "ip:" + address;
	}

	private record Failures(int count, Instant first) {

		Failures add(Instant now) {
			return expired(now) ? new Failures(1, now) : new Failures(this.count + 1, this.first);
		}

		boolean expired(Instant now) {
			return this.first.plus(WINDOW).isBefore(now);
		}

	}

}
