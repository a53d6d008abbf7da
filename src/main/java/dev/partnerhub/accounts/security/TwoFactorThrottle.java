package dev.partnerhub.accounts.security;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Limits second-factor guesses: {@value #PER_ACCOUNT} codes per account in
 * {@link #WINDOW}, counted atomically <em>before</em> the code is checked (parallel
 * guesses cannot pass more often); a right code clears the count. Only someone who knows
 * the password reaches the code prompt, so a per-account limit cannot be used by
 * strangers to lock an admin out. In memory, per instance, like {@link LoginThrottle}.
 */
@Component
public class TwoFactorThrottle {

	static final int PER_ACCOUNT = 5;

	static final Duration WINDOW = Duration.ofMinutes(15);

	/** A counted attempt: hand it back to {@link #succeeded} when the code was right. */
	public static final class Attempt {

		private final AttemptCounters.Taken taken;

		private Attempt(AttemptCounters.Taken taken) {
			this.taken = taken;
		}

	}

	private final AttemptCounters counters;

	TwoFactorThrottle(Clock clock) {
		this.counters = new AttemptCounters(clock);
	}

	/** Counts a code for the user; empty: too many, do not check it. */
	public Optional<Attempt> reserve(long userId) {
		return Optional
			.ofNullable(this.counters.take(List.of(new AttemptCounters.Limit("user:" + userId, PER_ACCOUNT, WINDOW))))
			.map(Attempt::new);
	}

	/**
	 * The code was right: the user's earlier typos no longer count (only he can give a
	 * right code).
	 */
	public void succeeded(Attempt attempt) {
		this.counters.give(attempt.taken);
		attempt.taken.slots().forEach(slot -> this.counters.clear(slot.key()));
	}

}
