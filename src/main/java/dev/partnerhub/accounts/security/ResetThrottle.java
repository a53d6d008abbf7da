package dev.partnerhub.accounts.security;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Limits "forgot password?" requests without letting strangers keep a user's reset
 * e-mails away from him:
 * <ul>
 * <li>per client address: {@value #PER_ADDRESS} requests per hour, then 429 (the only
 * visible limit);</li>
 * <li>per e-mail address: at most {@value #PER_EMAIL} e-mails per {@link #EMAIL_WINDOW},
 * quietly (the page answers the same). The window is short so that strangers' requests
 * hold a real user back for minutes, not an hour, and the links they triggered reached
 * his mailbox anyway (valid 1 hour);</li>
 * <li>from a browser with the account's device cookie ({@link DeviceCookies}): always
 * sent, at most {@value #PER_DEVICE} per hour per device; neither limit above applies to
 * it.</li>
 * </ul>
 * Counted before the e-mail is looked up, atomically. In memory and per instance.
 */
@Component
public class ResetThrottle {

	static final int PER_ADDRESS = 10;

	static final Duration ADDRESS_WINDOW = Duration.ofHours(1);

	static final int PER_EMAIL = 3;

	static final Duration EMAIL_WINDOW = Duration.ofMinutes(15);

	static final int PER_DEVICE = 5;

	static final Duration DEVICE_WINDOW = Duration.ofHours(1);

	public enum Decision {

		/** Send the e-mail (when the login exists). */
		SEND,
		/** Answer as if sent, send nothing. */
		QUIET,
		/** 429. */
		TOO_MANY

	}

	private final AttemptCounters counters;

	ResetThrottle(Clock clock) {
		this.counters = new AttemptCounters(clock);
	}

	/**
	 * {@code device}: the id of the account's device cookie the browser sent, null
	 * without one.
	 */
	public Decision request(String email, String address, String device) {
		if (device != null) {
			return this.counters
				.take(List.of(new AttemptCounters.Limit("device:" + device, PER_DEVICE, DEVICE_WINDOW))) == null
						? Decision.TOO_MANY : Decision.SEND;
		}
		if (this.counters
			.take(List.of(new AttemptCounters.Limit("ip:" + address, PER_ADDRESS, ADDRESS_WINDOW))) == null) {
			return Decision.TOO_MANY;
		}
		return this.counters.take(List
			.of(new AttemptCounters.Limit("email:" + LoginThrottle.normalized(email), PER_EMAIL, EMAIL_WINDOW))) == null
					? Decision.QUIET : Decision.SEND;
	}

}
