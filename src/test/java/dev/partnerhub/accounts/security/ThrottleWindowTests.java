package dev.partnerhub.accounts.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The windows and give-backs of LoginThrottle and ResetThrottle, on a clock the test
 * moves (no Spring context).
 */
class ThrottleWindowTests {

	static final class MovableClock extends Clock {

		private Instant now = Instant.parse("2030-01-01T10:00:00Z");

		void pass(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

	final MovableClock clock = new MovableClock();

	@Test
	void loginLimitsLastFifteenMinutes() {
		LoginThrottle throttle = new LoginThrottle(this.clock);
		for (int i = 0; i < LoginThrottle.PER_ACCOUNT_AND_ADDRESS; i++) {
			assertThat(throttle.reserve("Jane@Example.com ", "10.0.0.1", null)).isPresent();
		}
		assertThat(throttle.reserve("jane@example.com", "10.0.0.1", null)).as("case and spaces do not matter")
			.isEmpty();
		this.clock.pass(LoginThrottle.WINDOW.minusSeconds(1));
		assertThat(throttle.reserve("jane@example.com", "10.0.0.1", null)).isEmpty();
		this.clock.pass(Duration.ofSeconds(1));
		assertThat(throttle.reserve("jane@example.com", "10.0.0.1", null)).isPresent();
	}

	@Test
	void successfulLoginsDoNotUseUpAnAddress() {
		LoginThrottle throttle = new LoginThrottle(this.clock);
		for (int i = 0; i < 3 * LoginThrottle.PER_ADDRESS; i++) {
			LoginThrottle.Attempt attempt = throttle.reserve("user" + i + "@office.example", "10.0.0.2", null)
				.orElseThrow();
			throttle.succeeded(attempt);
		}
		assertThat(throttle.count("ip:10.0.0.2")).isZero();
		// and the owner's own typos before a success are forgiven, others' failures on
		// the address are not
		throttle.reserve("guesser@office.example", "10.0.0.2", null);
		for (int i = 0; i < 4; i++) {
			throttle.reserve("owner@office.example", "10.0.0.2", null);
		}
		throttle.succeeded(throttle.reserve("owner@office.example", "10.0.0.2", null).orElseThrow());
		assertThat(throttle.count("user-ip:owner@office.example|10.0.0.2")).isZero();
		assertThat(throttle.count("ip:10.0.0.2")).isEqualTo(5);
		assertThat(throttle.count("user:owner@office.example")).isEqualTo(4);
	}

	@Test
	void aRefusedAttemptCountsNowhere() {
		LoginThrottle throttle = new LoginThrottle(this.clock);
		for (int i = 0; i < LoginThrottle.PER_ADDRESS; i++) {
			throttle.reserve("someone" + i + "@x.example", "10.0.0.3", null);
		}
		for (int i = 0; i < 50; i++) {
			assertThat(throttle.reserve("victim@x.example", "10.0.0.3", null)).isEmpty();
		}
		assertThat(throttle.count("user:victim@x.example")).as("a blocked address cannot use up an account").isZero();
		assertThat(throttle.count("user-ip:victim@x.example|10.0.0.3")).isZero();
	}

	@Test
	void aKnownDeviceCountsOnlyForItself() {
		LoginThrottle throttle = new LoginThrottle(this.clock);
		for (int i = 0; i < LoginThrottle.PER_ACCOUNT; i++) {
			throttle.reserve("owner@x.example", "10.0.1." + i, null);
		}
		assertThat(throttle.reserve("owner@x.example", "10.0.2.1", null)).isEmpty();
		for (int i = 0; i < LoginThrottle.PER_DEVICE; i++) {
			assertThat(throttle.reserve("owner@x.example", "10.0.2.1", "device-1")).isPresent();
		}
		assertThat(throttle.reserve("owner@x.example", "10.0.2.1", "device-1")).isEmpty();
		assertThat(throttle.reserve("owner@x.example", "10.0.2.1", "device-2")).isPresent();
	}

	@Test
	void resetEmailsAreHeldBackForFifteenMinutesAtMost() {
		ResetThrottle throttle = new ResetThrottle(this.clock);
		for (int i = 0; i < ResetThrottle.PER_EMAIL; i++) {
			assertThat(throttle.request("Owner@x.example", "10.1.0." + i, null)).isEqualTo(ResetThrottle.Decision.SEND);
		}
		assertThat(throttle.request("owner@x.example", "10.1.1.1", null)).isEqualTo(ResetThrottle.Decision.QUIET);
		assertThat(throttle.request("owner@x.example", "10.1.1.2", "his-device"))
			.isEqualTo(ResetThrottle.Decision.SEND);
		this.clock.pass(ResetThrottle.EMAIL_WINDOW);
		assertThat(throttle.request("owner@x.example", "10.1.1.3", null)).isEqualTo(ResetThrottle.Decision.SEND);
	}

	@Test
	void resetRequestsPerAddressAndPerDevice() {
		ResetThrottle throttle = new ResetThrottle(this.clock);
		for (int i = 0; i < ResetThrottle.PER_ADDRESS; i++) {
			assertThat(throttle.request("n" + i + "@x.example", "10.2.0.1", null))
				.isNotEqualTo(ResetThrottle.Decision.TOO_MANY);
		}
		assertThat(throttle.request("n@x.example", "10.2.0.1", null)).isEqualTo(ResetThrottle.Decision.TOO_MANY);
		for (int i = 0; i < ResetThrottle.PER_DEVICE; i++) {
			assertThat(throttle.request("owner@x.example", "10.2.0.1", "his-device"))
				.isEqualTo(ResetThrottle.Decision.SEND);
		}
		assertThat(throttle.request("owner@x.example", "10.2.0.1", "his-device"))
			.isEqualTo(ResetThrottle.Decision.TOO_MANY);
		this.clock.pass(Duration.ofHours(1));
		assertThat(throttle.request("n@x.example", "10.2.0.1", null)).isEqualTo(ResetThrottle.Decision.SEND);
		assertThat(throttle.request("owner@x.example", "10.2.0.1", "his-device"))
			.isEqualTo(ResetThrottle.Decision.SEND);
	}

}
