package dev.partnerhub.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShortLivedCacheTests {

	@Test
	void concurrentMissesOfOneKeyLoadOnceAndAllGetTheValue() throws Exception {
		ShortLivedCache<String, String> cache = new ShortLivedCache<>(Duration.ofSeconds(2), Clock.systemUTC());
		AtomicInteger loads = new AtomicInteger();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		List<Future<Optional<String>>> results = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			results.add(pool.submit(() -> {
				start.await();
				return cache.get("sku", key -> {
					loads.incrementAndGet();
					sleep(200); // long enough for every other thread to arrive while this
								// load runs
					return Optional.of("value of " + key);
				});
			}));
		}
		start.countDown();
		for (Future<Optional<String>> result : results) {
			assertThat(result.get()).contains("value of sku");
		}
		pool.shutdown();
		assertThat(loads).hasValue(1);
	}

	@Test
	void expiredEntriesReloadAndFailuresReachTheCallerWithoutPoisoningTheKey() {
		MutableClock clock = new MutableClock();
		ShortLivedCache<String, String> cache = new ShortLivedCache<>(Duration.ofSeconds(2), clock);
		AtomicInteger loads = new AtomicInteger();
		assertThat(cache.get("k", key -> Optional.of("v" + loads.incrementAndGet()))).contains("v1");
		assertThat(cache.get("k", key -> Optional.of("v" + loads.incrementAndGet()))).contains("v1");
		clock.now = clock.now.plusSeconds(3);
		assertThat(cache.get("k", key -> Optional.of("v" + loads.incrementAndGet()))).contains("v2");
		clock.now = clock.now.plusSeconds(3);
		assertThatThrownBy(() -> cache.get("k", key -> {
			throw new IllegalStateException("database down");
		})).hasMessage("database down");
		assertThat(cache.get("k", key -> Optional.of("v" + loads.incrementAndGet()))).contains("v3");
		assertThat(cache.get("missing", key -> Optional.empty())).isEmpty();
	}

	/**
	 * A slow load is the thing under test here (other threads must arrive while it runs),
	 * not a wait for a result.
	 */
	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static final class MutableClock extends Clock {

		Instant now = Instant.parse("2026-11-23T00:00:00Z");

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
