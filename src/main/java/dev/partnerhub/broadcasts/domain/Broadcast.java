package dev.partnerhub.broadcasts.domain;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An announcement as stored; {@code sent} and {@code failed} come from the outbox, so
 * they move after the job is done.
 */
public record Broadcast(long id, String subject, String body, @Nullable Long programId, @Nullable Long groupId,
		String audience, String status, @Nullable Instant scheduledAt, @Nullable Long jobId, int recipients,
		String createdBy, Instant createdAt, @Nullable Instant startedAt) {

	public boolean scheduled() {
		return "scheduled".equals(this.status);
	}

}
