package dev.partnerhub.jobs;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A background job as the facility keeps it. {@code cursor} is the handler's position
 * (null before the first chunk); {@code done} of {@code total} is the progress in the
 * handler's units (commissions, rows, partners).
 */
public record Job(long id, String kind, JobStatus status, @Nullable String cursor, long done, long total,
		@Nullable String error, String createdBy, Instant createdAt, @Nullable Instant startedAt,
		@Nullable Instant finishedAt, Instant heartbeat) {

	/** 100 once done; otherwise done / total, capped. */
	public int percent() {
		if (this.status == JobStatus.DONE) {
			return 100;
		}
		return this.total <= 0 ? 0 : (int) Math.min(100, this.done * 100 / this.total);
	}

	public boolean active() {
		return this.status.active();
	}

}
