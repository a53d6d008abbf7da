package dev.partnerhub;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The application's clock in integration tests: real UTC time plus an offset a test moves
 * forward with {@link #advance(Duration)} instead of sleeping (a cache's TTL, a throttle
 * window). Every {@link IntegrationTest} shares it (one context) and it is back at real
 * time after each test. Keep the steps small: time the database decides ({@code now()} in
 * SQL) does not move with it.
 */
public final class MutableClock extends Clock {

	private volatile Duration offset = Duration.ZERO;

	/** Moves the application's time forward. */
	public void advance(Duration duration) {
		this.offset = this.offset.plus(duration);
	}

	void reset() {
		this.offset = Duration.ZERO;
	}

	@Override
	public Instant instant() {
		return Instant.now().plus(this.offset);
	}

	@Override
	public long millis() {
		return System.currentTimeMillis() + this.offset.toMillis();
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		if (zone.normalized().equals(ZoneOffset.UTC)) {
			return this;
		}
		MutableClock base = this;
		return new Clock() {

			@Override
			public Instant instant() {
				return base.instant();
			}

			@Override
			public ZoneId getZone() {
				return zone;
			}

			@Override
			public Clock withZone(ZoneId other) {
				return base.withZone(other);
			}

		};
	}

	/** Puts the clock in place of the application's {@code Clock.systemUTC()} bean. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Configuration {

		@Bean
		@Primary
		MutableClock mutableClock() {
			return new MutableClock();
		}

	}

	/**
	 * Back to real time after each test, so a moved clock never leaks into the next test.
	 */
	static class ResetAfterEach implements AfterEachCallback {

		@Override
		public void afterEach(ExtensionContext context) {
			SpringExtension.getApplicationContext(context).getBean(MutableClock.class).reset();
		}

	}

}
