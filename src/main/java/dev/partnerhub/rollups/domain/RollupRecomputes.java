package dev.partnerhub.rollups.domain;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.partnerhub.rollups.RollupField;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Recomputes every partner's value of one definition after it was created or edited, in chunks of partner ids so
 * the console's progress bar moves (progress lives on the {@code rollup_field} row). Each chunk is one transaction
 * under the writers' lock, conditional on the definition's version and cursor: an edit in the middle restarts the
 * recompute and the old run stops at its next chunk. A run left by a dead instance (no heartbeat) is resumed by the
 * sweeper. Also the daily refresh of rollups with relative dates.
 */
@Component
public class RollupRecomputes {

	private static final Logger log = LoggerFactory.getLogger(RollupRecomputes.class);

	/** Partners per chunk: small enough that the progress moves and the writers' lock is held briefly. */
	static final int CHUNK = 1000;

	static final Duration STALE_AFTER = Duration.ofMinutes(2);

	private final JdbcClient jdbc;

	private final RollupEngine engine;

	private final ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
		Thread thread = new Thread(task, "rollup-recompute");
		thread.setDaemon(true);
		return thread;
	});

	private volatile boolean stopping;

	RollupRecomputes(JdbcClient jdbc, RollupEngine engine) {
		this.jdbc = jdbc;
		this.engine = engine;
	}

	/** Starts the recompute of {@code id} in the background once the current transaction commits. */
	void startAfterCommit(long id) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					start(id);
				}
			});
		}
		else {
			start(id);
		}
	}

	private void start(long id) {
		if (this.stopping) {
			return;
		}
		this.executor.execute(() -> {
			try {
				run(id);
			}
			catch (RuntimeException ex) {
				log.error("Recompute of rollup field {} failed", id, ex);
			}
		});
	}

	/**
	 * Claims a queued (or stale) recompute of {@code id} and works it off in the calling thread; false when it is
	 * not queued or someone else has it. Tests call this directly.
	 */
	public boolean run(long id) {
		Long version = this.jdbc.sql("""
				update rollup_field set recompute_status = 'running', recompute_heartbeat = now(),
				       recompute_started_at = coalesce(recompute_started_at, now())
				where id = :id and (recompute_status = 'queued'
				      or (recompute_status = 'running' and recompute_heartbeat < now() - make_interval(secs => :stale)))
				returning version
				""").param("id", id).param("stale", STALE_AFTER.toSeconds()).query(Long.class).optional().orElse(null);
		if (version == null) {
			return false;
		}
		try {
			while (!this.stopping && Boolean.TRUE.equals(this.engine.inTransaction(() -> step(id, version)))) {
				// next chunk
			}
		}
		catch (RuntimeException ex) {
			if (this.stopping) {
				return true;
			}
			this.jdbc.sql("""
					update rollup_field set recompute_status = 'failed', recompute_finished_at = now()
					where id = :id and version = :version
					""").param("id", id).param("version", version).update();
			throw ex;
		}
		return true;
	}

	private boolean step(long id, long version) {
		this.engine.lock();
		record State(long cursor, String status, long version) {
		}
		State state = this.jdbc.sql("select recompute_cursor, recompute_status, version from rollup_field where id = :id")
			.param("id", id)
			.query((rs, n) -> new State(rs.getLong(1), rs.getString(2), rs.getLong(3)))
			.optional()
			.orElse(null);
		if (state == null || state.version() != version || !"running".equals(state.status())) {
			return false;
		}
		List<Long> partners = nextPartners(state.cursor());
		if (partners.isEmpty()) {
			this.jdbc.sql("""
					update rollup_field set recompute_status = 'done', recompute_finished_at = now(),
					       recompute_done = greatest(recompute_done, recompute_total), recompute_heartbeat = now()
					where id = :id and version = :version
					""").param("id", id).param("version", version).update();
			return false;
		}
		RollupField field = this.engine.definitions().stream().filter(f -> f.id() == id).findFirst().orElseThrow();
		this.engine.write(field, partners, this.engine.today());
		this.jdbc.sql("""
				update rollup_field set recompute_cursor = :next, recompute_done = recompute_done + :n,
				       recompute_total = greatest(recompute_total, recompute_done + :n), recompute_heartbeat = now()
				where id = :id and version = :version
				""")
			.param("next", partners.get(partners.size() - 1))
			.param("n", partners.size())
			.param("id", id)
			.param("version", version)
			.update();
		return true;
	}

	private List<Long> nextPartners(long after) {
		return this.jdbc.sql("select id from partner where id > :after order by id limit :n")
			.param("after", after)
			.param("n", CHUNK)
			.query(Long.class)
			.list();
	}

	/** Resumes recomputes a dead instance left, and queued ones never started; returns their ids. */
	public List<Long> recoverStale() {
		List<Long> ids = this.jdbc.sql("""
				select id from rollup_field
				where recompute_status in ('queued', 'running')
				  and recompute_heartbeat < now() - make_interval(secs => :stale)
				""").param("stale", STALE_AFTER.toSeconds()).query(Long.class).list();
		ids.forEach(this::start);
		return ids;
	}

	/**
	 * Recomputes every rollup whose filter depends on the date, for every partner, as of {@code today}, and records
	 * the day. Runs in the calling thread; returns the number of values that changed.
	 */
	public int refreshRelative(LocalDate today) {
		int changed = 0;
		for (RollupField field : this.engine.definitions()) {
			if (!field.relative()) {
				continue;
			}
			long cursor = 0;
			while (true) {
				long from = cursor;
				List<Long> partners = nextPartners(from);
				if (partners.isEmpty()) {
					break;
				}
				changed += this.engine.inTransaction(() -> {
					this.engine.lock();
					return this.engine.write(field, partners, today);
				});
				cursor = partners.get(partners.size() - 1);
			}
		}
		this.jdbc.sql("update rollup_state set relative_refreshed_on = :day where id = 1").param("day", today).update();
		return changed;
	}

	/** The day relative rollups were last refreshed for; null if never. */
	public LocalDate relativeRefreshedOn() {
		return this.jdbc.sql("select relative_refreshed_on from rollup_state where id = 1")
			.query(LocalDate.class)
			.optional()
			.orElse(null);
	}

	/** Recomputes one definition for explicit partners now (console "recompute" of one partner, tests). */
	public int recompute(RollupField field, List<Long> partnerIds, LocalDate today) {
		return this.engine.inTransaction(() -> {
			this.engine.lock();
			return this.engine.write(field, partnerIds, today);
		});
	}

	@PreDestroy
	void stop() {
		this.stopping = true;
		this.executor.shutdownNow();
	}

	static SqlArrayValue array(List<Long> ids) {
		return new SqlArrayValue("bigint", ids.toArray());
	}

}
