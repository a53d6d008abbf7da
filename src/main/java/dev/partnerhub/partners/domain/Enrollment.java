package dev.partnerhub.partners.domain;

import dev.partnerhub.partners.PartnerStatus;
import org.jspecify.annotations.Nullable;

/**
 * Enrolls a contact in a program. A blank code is generated; a blank status means
 * approved (what an admin creates starts approved); a password gives the partner a login
 * at once.
 */
public record Enrollment(long contactId, long programId, String code, PartnerStatus status, @Nullable Long parentId,
		@Nullable String payoutEmail, @Nullable String password) {
}
