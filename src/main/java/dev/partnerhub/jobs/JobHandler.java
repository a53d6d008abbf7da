package dev.partnerhub.jobs;

/**
 * The work of one kind of job, a chunk at a time. The facility calls {@link #runChunk}
 * inside a transaction and, in that same transaction, moves the job's cursor and progress
 * — conditional on the cursor the chunk started from, so a chunk counts exactly once even
 * when two workers meet (two instances, or a resumed job whose worker was only slow): the
 * loser's transaction rolls back. So a handler writes its own per-chunk results
 * (counters, row errors) in the current transaction; work that must commit on its own
 * (one import row) uses its own transaction and must be idempotent, since a chunk may run
 * again after a crash.
 */
public interface JobHandler {

	/** The kind this handler runs, e.g. {@code commissions.bulk}. */
	String kind();

	/**
	 * Does the next chunk of {@code job} from {@code cursor} (null at the start).
	 * Throwing fails the job (its transaction rolls back; status {@code failed} with the
	 * exception's class).
	 */
	JobChunk runChunk(Job job, String cursor);

	/**
	 * Called (outside any transaction) when the job failed or was cancelled: release what
	 * is kept in memory.
	 */
	default void ended(Job job) {
	}

}
