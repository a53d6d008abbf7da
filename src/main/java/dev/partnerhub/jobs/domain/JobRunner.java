package dev.partnerhub.jobs.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.partnerhub.jobs.Job;
import dev.partnerhub.jobs.JobApi;
import dev.partnerhub.jobs.JobChunk;
import dev.partnerhub.jobs.JobHandler;
import dev.partnerhub.jobs.JobStatus;
import dev.partnerhub.support.PartnerhubProperties;
import jakarta.annotation.PreDestroy;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one executor and sweeper of background jobs. A job is claimed with a conditional
 * update (queued → running, or a stale running one taken over) and worked off chunk by
 * chunk: each chunk is one transaction in which the handler does its work and the job's
 * cursor, progress and heartbeat move — conditional on the cursor the chunk started from,
 * so a chunk counts exactly once even if two workers meet. A job left running by a dead
 * instance stops heart-beating; the sweeper (soon after start-up, then every minute,
 * under ShedLock) claims it and resumes it from its cursor. A graceful shutdown
 * interrupts the running chunks (rolled back); the next sweep resumes them.
 */
@Service
public class JobRunner implements JobApi {

	private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

	/**
	 * A running job that has not finished a chunk for this long was left by a dead
	 * worker.
	 */
	public static final Duration STALE_AFTER = Duration.ofMinutes(2);

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final ObjectProvider<JobHandler> handlerBeans;

	private volatile Map<String, JobHandler> handlers;

	private final ExecutorService executor;

	private volatile boolean stopping;

	JobRunner(JdbcClient jdbc, PlatformTransactionManager transactions, ObjectProvider<JobHandler> handlers,
			PartnerhubProperties properties) {
		this.jdbc = jdbc;
		this.tx = new TransactionTemplate(transactions);
		this.handlerBeans = handlers;
		// A few workers: jobs are database-bound; more threads would only queue on the
		// same rows and cores.
		this.executor = Executors.newFixedThreadPool(properties.jobs().threads(), new WorkerThreads());
	}

	@Override
	public long submit(String kind, long total, String createdBy) {
		handler(kind);
		long id = this.jdbc.sql("""
				insert into job (kind, total, created_by) values (:kind, :total, :by) returning id
				""").param("kind", kind).param("total", total).param("by", createdBy).query(Long.class).single();
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
		return id;
	}

	@Override
	public Optional<Job> find(long id) {
		return this.jdbc.sql(SELECT + "where id = :id").param("id", id).query(JobRunner::job).optional();
	}

	@Override
	public Map<Long, Job> findAll(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		return this.jdbc.sql(SELECT + "where id = any(:ids)")
			.param("ids", new SqlArrayValue("bigint", ids.toArray()))
			.query(JobRunner::job)
			.list()
			.stream()
			.collect(Collectors.toMap(Job::id, Function.identity()));
	}

	@Override
	public boolean run(long id) {
		int claimed = this.jdbc.sql("""
				update job set status = 'running', started_at = coalesce(started_at, now()), heartbeat = now()
				where id = :id and status = 'queued'
				""").param("id", id).update();
		if (claimed == 0) {
			return false;
		}
		work(id);
		return true;
	}

	@Override
	public List<Long> recoverStale(Duration staleAfter) {
		List<Long> ids = this.jdbc.sql("""
				update job set status = 'running', started_at = coalesce(started_at, now()), heartbeat = now()
				where status in ('queued', 'running') and heartbeat <= now() - :staleMillis * interval '1 millisecond'
				returning id
				""").param("staleMillis", staleAfter.toMillis()).query(Long.class).list();
		for (long id : ids) {
			log.info("Resuming job {} left unfinished", id);
			execute(() -> work(id));
		}
		return ids;
	}

	@Override
	public Backlog backlog(String kind) {
		return this.jdbc.sql("""
				select count(*), coalesce(sum(greatest(total - done, 0)), 0) from job
				where kind = :kind and status in ('queued', 'running')
				""").param("kind", kind).query((rs, n) -> new Backlog(rs.getLong(1), rs.getLong(2))).single();
	}

	/** The sweeper: soon after start-up, then every minute; one instance at a time. */
	@Scheduled(fixedDelayString = "${partnerhub.jobs.sweep-interval:PT1M}",
			initialDelayString = "${partnerhub.jobs.sweep-initial-delay:PT5S}")
	@SchedulerLock(name = "jobs-sweeper", lockAtMostFor = "PT5M", lockAtLeastFor = "PT20S")
	void sweep() {
		try {
			recoverStale(STALE_AFTER);
		}
		catch (RuntimeException ex) {
			log.warn("Job sweep failed; will retry: {}", ex.toString());
		}
	}

	@PreDestroy
	void stop() {
		// Unfinished jobs stay "running" and are resumed by whichever instance sweeps
		// next.
		this.stopping = true;
		this.executor.shutdownNow();
	}

	private void start(long id) {
		execute(() -> {
			try {
				run(id);
			}
			catch (RuntimeException ex) {
				log.error("Job {} could not start", id, ex);
			}
		});
	}

	private void execute(Runnable task) {
		if (!this.stopping) {
			this.executor.execute(task);
		}
	}

	private void work(long id) {
		try {
			while (Boolean.TRUE.equals(this.tx.execute(status -> step(id)))) {
				if (this.stopping || Thread.currentThread().isInterrupted()) {
					return;
				}
			}
		}
		catch (LostJob ex) {
			log.info("Job {} is being worked by another worker", id);
			return;
		}
		catch (RuntimeException ex) {
			if (this.stopping) {
				// Shutting down interrupted the chunk (rolled back): not a failure, the
				// next sweep resumes the job.
				return;
			}
			log.error("Job {} failed", id, ex);
			this.jdbc.sql("""
					update job set status = 'failed', error = :error, finished_at = now(), heartbeat = now()
					where id = :id and status = 'running'
					""").param("id", id).param("error", "The job stopped: " + ex.getClass().getSimpleName()).update();
		}
		find(id).filter(job -> !job.active()).ifPresent(job -> handler(job.kind()).ended(job));
	}

	/**
	 * One chunk in the caller's transaction; false when the job is over (or not running).
	 */
	private boolean step(long id) {
		Job job = find(id).orElse(null);
		if (job == null || job.status() != JobStatus.RUNNING) {
			return false;
		}
		JobChunk chunk = handler(job.kind()).runChunk(job, job.cursor());
		String status = switch (chunk.outcome()) {
			case MORE -> "running";
			case FINISHED -> "done";
			case CANCELLED -> "cancelled";
		};
		int moved = this.jdbc.sql("""
				update job set status = :status, cursor = coalesce(:next, cursor), done = done + :done,
				       total = greatest(total, done + :done), heartbeat = now(),
				       finished_at = case when :status = 'running' then null else now() end
				where id = :id and status = 'running' and cursor is not distinct from :cursor
				""")
			.param("status", status)
			.param("next", chunk.cursor(), java.sql.Types.VARCHAR)
			.param("done", chunk.done())
			.param("id", id)
			.param("cursor", job.cursor(), java.sql.Types.VARCHAR)
			.update();
		if (moved == 0) {
			throw new LostJob();
		}
		return chunk.outcome() == JobChunk.Outcome.MORE;
	}

	private JobHandler handler(String kind) {
		Map<String, JobHandler> known = this.handlers;
		if (known == null) {
			known = this.handlerBeans.orderedStream().collect(Collectors.toMap(JobHandler::kind, Function.identity()));
			this.handlers = known;
		}
		JobHandler handler = known.get(kind);
		if (handler == null) {
			throw new IllegalStateException("No job handler for kind " + kind);
		}
		return handler;
	}

	private static final String SELECT = """
			select id, kind, status, cursor, done, total, error, created_by, created_at, started_at, finished_at,
			       heartbeat
			from job
			""";

	private static Job job(ResultSet rs, int n) throws SQLException {
		return new Job(rs.getLong("id"), rs.getString("kind"), JobStatus.of(rs.getString("status")),
				rs.getString("cursor"), rs.getLong("done"), rs.getLong("total"), rs.getString("error"),
				rs.getString("created_by"), instant(rs.getTimestamp("created_at")),
				instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("finished_at")),
				instant(rs.getTimestamp("heartbeat")));
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	/**
	 * Thrown inside a chunk's transaction when another worker moved the job on: the chunk
	 * is rolled back.
	 */
	private static final class LostJob extends RuntimeException {

		LostJob() {
			super(null, null, false, false);
		}

	}

	private static final class WorkerThreads implements ThreadFactory {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public Thread newThread(Runnable task) {
			Thread thread = new Thread(task, "job-" + this.count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

}
