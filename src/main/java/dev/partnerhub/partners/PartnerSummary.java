package dev.partnerhub.partners;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

public record PartnerSummary(long id, long contactId, long programId, String code, PartnerStatus status,
		@Nullable Long parentId, @Nullable String payoutEmail, Instant createdAt) {
}
