package dev.partnerhub.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps values that are read on every request but rarely change (programs, products,
 * settings) for a few seconds. Only found values are kept, never "not found". A change on
 * this instance clears the cache when its transaction commits; other instances see it
 * when their entries expire, so the TTL bounds staleness across instances.
 */
public final class ShortLivedCache<K, V> {

	private static final int MAX_ENTRIES = 10_000;

	private final ConcurrentMap<K, Entry<V>> entries = new ConcurrentHashMap<>();

	private final ConcurrentMap<K, Load<V>> loading = new ConcurrentHashMap<>();

	private final Duration ttl;

	private final Clock clock;

	public ShortLivedCache(Duration ttl, Clock clock) {
		this.ttl = ttl;
		this.clock = clock;
	}

	/**
	 * The cached value, or the loader's. Single flight: when an entry is missing or
	 * expired, one caller loads it and concurrent callers of the same key wait for that
	 * load instead of all querying the database at once (the stampede every TTL under
	 * load). A loader's exception reaches every waiter.
	 */
	public Optional<V> get(K key, Function<K, Optional<V>> loader) {
		Instant now = this.clock.instant();
		Entry<V> entry = this.entries.get(key);
		if (entry != null && entry.expires().isAfter(now)) {
			return Optional.of(entry.value());
		}
		Load<V> mine = new Load<>(Thread.currentThread(), new CompletableFuture<>());
		Load<V> running = this.loading.putIfAbsent(key, mine);
		if (running != null && running.owner() != Thread.currentThread()) {
			try {
				return running.result().join();
			}
			catch (CompletionException ex) {
				if (ex.getCause() instanceof RuntimeException cause) {
					throw cause;
				}
				throw ex;
			}
		}
		try {
			Optional<V> loaded = loader.apply(key);
			if (loaded.isPresent()) {
				if (this.entries.size() >= MAX_ENTRIES) {
					this.entries.clear();
				}
				this.entries.put(key, new Entry<>(loaded.get(), now.plus(this.ttl)));
			}
			else {
				this.entries.remove(key);
			}
			mine.result().complete(loaded);
			return loaded;
		}
		catch (RuntimeException | Error ex) {
			mine.result().completeExceptionally(ex);
			throw ex;
		}
		finally {
			if (running == null) {
				this.loading.remove(key, mine);
			}
		}
	}

	/**
	 * Clears now and again after the surrounding transaction commits (a reader may have
	 * cached the old row).
	 */
	public void clearOnCommit() {
		this.entries.clear();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					ShortLivedCache.this.entries.clear();
				}
			});
		}
	}

	private record Entry<V>(V value, Instant expires) {
	}

	/**
	 * A load in flight: its thread (a loader that asks for its own key again loads it
	 * itself) and result.
	 */
	private record Load<V>(Thread owner, CompletableFuture<Optional<V>> result) {
	}

}
