package dev.partnerhub.commissions.domain;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import dev.partnerhub.commissions.domain.CommissionLifecycle.ChunkResult;
import dev.partnerhub.commissions.domain.CommissionLifecycle.Kind;
import dev.partnerhub.commissions.domain.CommissionQueries.Filter;
import dev.partnerhub.support.InvalidInputException;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Bulk approve/decline in the background: a {@code bulk_job} row says what to do and how far it got; a small
 * executor works it off chunk by chunk in id order. Each chunk — the commission updates, their audit rows and the
 * job's progress — is one transaction, and the progress update is conditional on the job's cursor, so a chunk is
 * counted exactly once even if two workers (two instances, or a recovered job whose worker was only slow) meet.
 * <p>
 * Restart safety: a job left {@code running} by a dead instance stops heart-beating ({@code updated_at}); the sweeper
 * (at start-up and every minute) claims such jobs with a conditional update and resumes them from their cursor.
 * Repeating a chunk is harmless anyway: only pending commissions change.
 */
@Service
public class BulkJobs {

	private static final Logger log = LoggerFactory.getLogger(BulkJobs.class);

	/** A running job that has not finished a chunk for this long was left by a dead worker. */
	static final Duration STALE_AFTER = Duration.ofMinutes(2);

	public static final int MAX_IDS = 100_000;

	/** What the job pages show. {@code scope} describes the ids or filter in words. */
	public record Job(long id, String kind, String status, long total, long processed, long changed, long skipped,
			Map<String, Integer> skippedReasons, String reason, String scope, String createdBy, Instant createdAt,
			Instant startedAt, Instant finishedAt, String error) {

		public int percent() {
			if ("done".equals(this.status) || this.total == 0) {
				return "done".equals(this.status) ? 100 : 0;
			}
			return (int) Math.min(100, this.processed * 100 / this.total);
		}

		public boolean active() {
			return "queued".equals(this.status) || "running".equals(this.status);
		}

	}

	/** Thrown inside a chunk's transaction when another worker moved the job on: the chunk is rolled back. */
	private static final class LostJob extends RuntimeException {

		LostJob() {
			super(null, null, false, false);
		}

	}

	private final JdbcClient jdbc;

	private final CommissionLifecycle lifecycle;

	private final CommissionQueries queries;

	// Two workers: bulk jobs are database-bound; more threads would only queue on the same rows and cores.
	private final ExecutorService executor = Executors.newFixedThreadPool(2, new WorkerThreads());

	private volatile boolean stopping;

	BulkJobs(JdbcClient jdbc, CommissionLifecycle lifecycle, CommissionQueries queries) {
		this.jdbc = jdbc;
		this.lifecycle = lifecycle;
		this.queries = queries;
	}

	/** Queues a job over explicit ids and starts it; returns its id. */
	public long submitIds(Kind kind, long[] ids, String reason, String actor) {
		if (ids.length == 0) {
			throw new InvalidInputException("ids", "Select at least one commission.");
		}
		if (ids.length > MAX_IDS) {
			throw new InvalidInputException("ids", "At most " + MAX_IDS + " ids per request.");
		}
		String why = CommissionLifecycle.checkedReason(kind, reason);
		long total = java.util.Arrays.stream(ids).distinct().count();
		long id = this.jdbc.sql("""
				insert into bulk_job (kind, ids, reason, chunk_size, total, created_by)
				values (:kind, :ids, :reason, :chunk, :total, :actor) returning id
				""")
			.param("kind", kind.value())
			.param("ids", new SqlArrayValue("bigint", java.util.Arrays.stream(ids).boxed().toArray()))
			.param("reason", why, java.sql.Types.VARCHAR)
			.param("chunk", CommissionLifecycle.CHUNK)
			.param("total", total)
			.param("actor", actor)
			.query(Long.class)
			.single();
		start(id);
		return id;
	}

	/**
	 * Queues a job over every commission the list filter matches now (ids up to the current maximum: rows created
	 * later are not part of what the admin saw) and starts it.
	 */
	public long submitFilter(Kind kind, Filter filter, String reason, String actor, int chunkSize) {
		String why = CommissionLifecycle.checkedReason(kind, reason);
		if (chunkSize < 1 || chunkSize > MAX_IDS) {
			throw new InvalidInputException("chunkSize", "Chunk size must be between 1 and " + MAX_IDS + ".");
		}
		long upTo = this.queries.maxId();
		long total = this.queries.countMatching(filter, upTo);
		long id = this.jdbc.sql("""
				insert into bulk_job (kind, filter, reason, chunk_size, total, created_by)
				values (:kind, jsonb_build_object('partner', cast(:partner as text), 'status', cast(:status as text),
				        'sku', cast(:sku as text), 'from', cast(:from as text), 'to', cast(:to as text),
				        'program', cast(:program as bigint), 'upTo', cast(:upTo as bigint)),
				        :reason, :chunk, :total, :actor)
				returning id
				""")
			.param("kind", kind.value())
			.param("partner", filter.partner(), java.sql.Types.VARCHAR)
			.param("status", filter.status(), java.sql.Types.VARCHAR)
			.param("sku", filter.sku(), java.sql.Types.VARCHAR)
			.param("from", filter.from(), java.sql.Types.VARCHAR)
			.param("to", filter.to(), java.sql.Types.VARCHAR)
			.param("program", filter.program(), java.sql.Types.BIGINT)
			.param("upTo", upTo)
			.param("reason", why, java.sql.Types.VARCHAR)
			.param("chunk", chunkSize)
			.param("total", total)
			.param("actor", actor)
			.query(Long.class)
			.single();
		start(id);
		return id;
	}

	public Optional<Job> find(long id) {
		return this.jdbc.sql(SELECT_JOB + "where id = :id").param("id", id).query(this::job).optional();
	}

	public List<Job> recent(int limit) {
		return this.jdbc.sql(SELECT_JOB + "order by created_at desc, id desc limit :limit")
			.param("limit", limit)
			.query(this::job)
			.list();
	}

	/** Claims a queued job and works it off in the calling thread; false when someone else has it. */
	public boolean run(long id) {
		int claimed = this.jdbc.sql("""
				update bulk_job set status = 'running', started_at = now(), updated_at = now()
				where id = :id and status = 'queued'
				""").param("id", id).update();
		if (claimed == 0) {
			return false;
		}
		work(id);
		return true;
	}

	/**
	 * Claims the jobs a dead worker left (running without a heartbeat for {@code staleAfter}, or queued and never
	 * started) and resumes them in the background from their cursor. Returns the ids it took over.
	 */
	public List<Long> recoverStale(Duration staleAfter) {
		Timestamp before = Timestamp.from(Instant.now().minus(staleAfter));
		List<Long> ids = this.jdbc.sql("""
				update bulk_job set status = 'running', started_at = coalesce(started_at, now()), updated_at = now()
				where status in ('running', 'queued') and updated_at <= :before
				returning id
				""").param("before", before).query(Long.class).list();
		for (long id : ids) {
			log.info("Resuming bulk job {} left unfinished", id);
			this.executor.execute(() -> work(id));
		}
		return ids;
	}

	@EventListener(ApplicationReadyEvent.class)
	void recoverAtStartup() {
		recoverStale(STALE_AFTER);
	}

	@Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
	void sweep() {
		recoverStale(STALE_AFTER);
	}

	@PreDestroy
	void stop() {
		// Unfinished jobs stay "running" and are resumed by whichever instance sweeps next.
		this.stopping = true;
		this.executor.shutdownNow();
	}

	private void start(long id) {
		this.executor.execute(() -> {
			try {
				run(id);
			}
			catch (RuntimeException ex) {
				log.error("Bulk job {} could not start", id, ex);
			}
		});
	}

	private void work(long id) {
		try {
			while (this.lifecycle.inTransaction(() -> step(id))) {
				if (this.stopping || Thread.currentThread().isInterrupted()) {
					return;
				}
			}
		}
		catch (LostJob ex) {
			log.info("Bulk job {} is being worked by another worker", id);
		}
		catch (RuntimeException ex) {
			if (this.stopping) {
				// Shutting down interrupted the chunk (rolled back): not a failure, the next sweep resumes the job.
				return;
			}
			log.error("Bulk job {} failed", id, ex);
			this.jdbc.sql("""
					update bulk_job set status = 'failed', error = :error, finished_at = now(), updated_at = now()
					where id = :id and status = 'running'
					""").param("id", id).param("error", "The job stopped: " + ex.getClass().getSimpleName()).update();
		}
	}

	/** One chunk: next ids after the cursor, approve/decline them, move the cursor. False when the job is over. */
	private boolean step(long id) {
		State state = this.jdbc.sql("""
				select kind, ids is not null as by_ids, reason, chunk_size, cursor_id, created_by, status,
				       filter->>'partner' as partner, filter->>'status' as f_status, filter->>'sku' as sku,
				       filter->>'from' as f_from, filter->>'to' as f_to, (filter->>'program')::bigint as program,
				       (filter->>'upTo')::bigint as up_to
				from bulk_job where id = :id
				""").param("id", id).query((rs, n) -> new State(Kind.of(rs.getString("kind")),
				rs.getBoolean("by_ids"), rs.getString("reason"), rs.getInt("chunk_size"), rs.getLong("cursor_id"),
				rs.getString("created_by"), rs.getString("status"),
				new Filter(rs.getString("partner"), rs.getString("f_status"), rs.getString("sku"),
						rs.getString("f_from"), rs.getString("f_to"), rs.getObject("program", Long.class)),
				rs.getObject("up_to", Long.class))).single();
		if (!"running".equals(state.status())) {
			return false;
		}
		long[] chunk = state.byIds() ? idsAfter(id, state.cursor(), state.chunkSize())
				: this.queries.matchingIds(state.filter(), state.cursor(), state.upTo(), state.chunkSize());
		if (chunk.length == 0) {
			int done = this.jdbc.sql("""
					update bulk_job set status = 'done', finished_at = now(), updated_at = now()
					where id = :id and status = 'running' and cursor_id = :cursor
					""").param("id", id).param("cursor", state.cursor()).update();
			if (done == 0) {
				throw new LostJob();
			}
			return false;
		}
		ChunkResult result = this.lifecycle.applyChunk(state.kind(), chunk, state.reason(), state.createdBy());
		int moved = this.jdbc.sql("""
				update bulk_job set processed = processed + :processed, changed = changed + :changed,
				       skipped = skipped + :skipped, cursor_id = :next, updated_at = now(),
				       skipped_reasons = coalesce((
				           select jsonb_object_agg(key, n) from (
				               select key, sum(value::int) as n from (
				                   select key, value from jsonb_each_text(skipped_reasons)
				                   union all
				                   select key, value from jsonb_each_text(cast(:delta as jsonb))) e
				               group by key) s), '{}'::jsonb)
				where id = :id and status = 'running' and cursor_id = :cursor
				""")
			.param("processed", chunk.length)
			.param("changed", result.changed())
			.param("skipped", result.skipped().size())
			.param("next", chunk[chunk.length - 1])
			.param("delta", json(result.skippedByReason()))
			.param("id", id)
			.param("cursor", state.cursor())
			.update();
		if (moved == 0) {
			throw new LostJob();
		}
		return true;
	}

	private long[] idsAfter(long id, long after, int limit) {
		return this.jdbc.sql("""
				select distinct x from bulk_job j, unnest(j.ids) as x
				where j.id = :id and x > :after order by x limit :limit
				""")
			.param("id", id)
			.param("after", after)
			.param("limit", limit)
			.query(Long.class)
			.list()
			.stream()
			.mapToLong(Long::longValue)
			.toArray();
	}

	private record State(Kind kind, boolean byIds, String reason, int chunkSize, long cursor, String createdBy,
			String status, Filter filter, Long upTo) {
	}

	private static final String SELECT_JOB = """
			select id, kind, status, total, processed, changed, skipped, reason, created_by, created_at, started_at,
			       finished_at, error, cardinality(ids) as id_count, filter->>'partner' as partner,
			       filter->>'status' as f_status, filter->>'sku' as sku, filter->>'from' as f_from,
			       filter->>'to' as f_to, filter->>'program' as program,
			       (select coalesce(jsonb_object_agg(key, value), '{}') from jsonb_each(skipped_reasons))::text as reasons
			from bulk_job
			""";

	private Job job(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		String scope;
		if (rs.getObject("id_count") != null) {
			int count = rs.getInt("id_count");
			scope = count + (count == 1 ? " selected commission" : " selected commissions");
		}
		else {
			List<String> parts = new ArrayList<>();
			for (String[] field : new String[][] { { "partner", "partner" }, { "program", "program" },
					{ "sku", "product" }, { "f_status", "status" }, { "f_from", "from" }, { "f_to", "to" } }) {
				String value = rs.getString(field[0]);
				if (value != null) {
					parts.add(field[1] + " " + value);
				}
			}
			scope = parts.isEmpty() ? "all commissions" : "all commissions matching " + String.join(", ", parts);
		}
		return new Job(rs.getLong("id"), rs.getString("kind"), rs.getString("status"), rs.getLong("total"),
				rs.getLong("processed"), rs.getLong("changed"), rs.getLong("skipped"), reasons(rs.getString("reasons")),
				rs.getString("reason"), scope, rs.getString("created_by"), instant(rs.getTimestamp("created_at")),
				instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("finished_at")),
				rs.getString("error"));
	}

	/** Reads the flat {"reason": count} object this class writes (keys are fixed words without quotes). */
	private static Map<String, Integer> reasons(String json) {
		Map<String, Integer> reasons = new LinkedHashMap<>();
		String body = json == null ? "" : json.strip().replaceAll("^\\{|\\}$", "");
		for (String pair : body.split(",")) {
			int colon = pair.lastIndexOf(':');
			if (colon > 0) {
				reasons.put(pair.substring(0, colon).strip().replace("\"", ""),
						Integer.valueOf(pair.substring(colon + 1).strip().replace("\"", "")));
			}
		}
		return reasons;
	}

	private static String json(Map<String, Integer> counts) {
		return counts.entrySet()
			.stream()
			.map(e -> "\"" + e.getKey() + "\": " + e.getValue())
			.collect(Collectors.joining(", ", "{", "}"));
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	private static final class WorkerThreads implements java.util.concurrent.ThreadFactory {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public Thread newThread(Runnable task) {
			Thread thread = new Thread(task, "bulk-job-" + this.count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

}
