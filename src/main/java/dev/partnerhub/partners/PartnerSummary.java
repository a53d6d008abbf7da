package dev.partnerhub.partners;

import java.time.Instant;

public record PartnerSummary(long id, long contactId, long programId, String code, PartnerStatus status, Long parentId,
		String payoutEmail, Instant createdAt) {
}
