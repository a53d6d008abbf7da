package dev.partnerhub.jobs;

/**
 * What one {@link JobHandler#runChunk} did: {@code done} more units, the cursor the next
 * chunk starts from, and whether the job is over (finished, or cancelled because it was
 * superseded).
 */
public record JobChunk(String cursor, long done, Outcome outcome) {

	public enum Outcome {

		MORE, FINISHED, CANCELLED

	}

	/** Work was done; the next chunk starts at {@code cursor}. */
	public static JobChunk next(String cursor, long done) {
		return new JobChunk(cursor, done, Outcome.MORE);
	}

	/** Nothing left: the job is done (after {@code done} more units in this chunk). */
	public static JobChunk finished(String cursor, long done) {
		return new JobChunk(cursor, done, Outcome.FINISHED);
	}

	/**
	 * The job no longer applies (its subject was edited or deleted): it stops as
	 * cancelled.
	 */
	public static JobChunk cancelled() {
		return new JobChunk(null, 0, Outcome.CANCELLED);
	}

}
