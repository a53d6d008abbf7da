package dev.partnerhub.accounts.security;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Slows down password guessing without letting strangers lock anybody out (OWASP,
 * "Authentication Cheat Sheet" and "Slow Down Online Guessing Attacks with Device
 * Cookies"). Every login attempt is counted <em>before</em> its password is checked
 * ({@link #reserve}); a successful one is given back ({@link #succeeded}). Within
 * {@link #WINDOW}:
 * <ul>
 * <li>from a browser without the account's device cookie:
 * {@value #PER_ACCOUNT_AND_ADDRESS} attempts per account and address,
 * {@value #PER_ADDRESS} per address (any accounts), {@value #PER_ACCOUNT} per account
 * from all addresses together (slows a guesser who rotates addresses);</li>
 * <li>from a browser with the account's device cookie (it logged in to this account
 * before, or used a reset link): only {@value #PER_DEVICE} per device. None of the limits
 * above apply to it, so a guesser elsewhere, or on the same shared address, cannot lock
 * the owner out.</li>
 * </ul>
 * In memory, per instance and reset by a restart, which is acceptable for throttling.
 */
@Component
public class LoginThrottle {

	static final int PER_ACCOUNT_AND_ADDRESS = 5;

	static final int PER_ADDRESS = 20;

	static final int PER_ACCOUNT = 10;

	static final int PER_DEVICE = 5;

	static final Duration WINDOW = Duration.ofMinutes(15);

	/**
	 * A counted attempt: hand it back to {@link #succeeded} when the password was right.
	 */
	public static final class Attempt {

		private final AttemptCounters.Taken taken;

		private final String ownerKey;

		private Attempt(AttemptCounters.Taken taken, String ownerKey) {
			this.taken = taken;
			this.ownerKey = ownerKey;
		}

	}

	private final AttemptCounters counters;

	LoginThrottle(Clock clock) {
		this.counters = new AttemptCounters(clock);
	}

	/**
	 * Counts an attempt to log in as {@code username} from {@code address};
	 * {@code device} is the id of the account's device cookie the browser sent (null
	 * without a valid one). Empty: throttled, do not check the password.
	 */
	public Optional<Attempt> reserve(String username, String address, String device) {
		String user = normalized(username);
		List<AttemptCounters.Limit> limits;
		String ownerKey;
		if (device != null) {
			ownerKey = "device:" + device;
			limits = List.of(new AttemptCounters.Limit(ownerKey, PER_DEVICE, WINDOW));
		}
		else {
			ownerKey = "user-ip:" + user + "|" + address;
			limits = List.of(new AttemptCounters.Limit(ownerKey, PER_ACCOUNT_AND_ADDRESS, WINDOW),
					new AttemptCounters.Limit("ip:" + address, PER_ADDRESS, WINDOW),
					new AttemptCounters.Limit("user:" + user, PER_ACCOUNT, WINDOW));
		}
		return Optional.ofNullable(this.counters.take(limits)).map(taken -> new Attempt(taken, ownerKey));
	}

	/**
	 * The password was right: this attempt does not count, and neither do the owner's
	 * earlier typos from this browser or address. Failures of others on the address and
	 * on the account stay counted.
	 */
	public void succeeded(Attempt attempt) {
		this.counters.give(attempt.taken);
		this.counters.clear(attempt.ownerKey);
	}

	/** Attempts counted for a key in its window (for tests and the docs' numbers). */
	int count(String key) {
		return this.counters.count(key);
	}

	/**
	 * Case-insensitive; cut at 254 characters (no e-mail is longer) so a huge name cannot
	 * fill the memory.
	 */
	static String normalized(String username) {
		String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
		return name.length() > 254 ? name.substring(0, 254) : name;
	}

}
