package dev.partnerhub.jobs;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Submitting and reading background jobs. */
public interface JobApi {

	/**
	 * Queues a job of {@code kind} (a registered {@link JobHandler}) with {@code total}
	 * units of work and starts it on the executor once the current transaction commits
	 * (at once without one). The caller stores what the job works on, pointing at the
	 * returned id, in the same transaction.
	 */
	long submit(String kind, long total, String createdBy);

	Optional<Job> find(long id);

	/** The jobs with these ids, by id (missing ids are left out). */
	Map<Long, Job> findAll(Collection<Long> ids);

	/**
	 * Claims a queued job and runs it to its end in the calling thread; false when
	 * someone else has it.
	 */
	boolean run(long id);

	/**
	 * Claims the jobs a dead worker left (running or queued with a heartbeat older than
	 * {@code staleAfter}) and resumes them from their cursor in the background; returns
	 * their ids. The sweeper does this every minute.
	 */
	List<Long> recoverStale(Duration staleAfter);

	/**
	 * Queued or running jobs of a kind, and the units they still have to do (metrics).
	 */
	Backlog backlog(String kind);

	record Backlog(long jobs, long remaining) {
	}

}
