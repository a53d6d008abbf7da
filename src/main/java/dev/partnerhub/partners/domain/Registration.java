package dev.partnerhub.partners.domain;

import dev.partnerhub.partners.PartnerStatus;
import org.jspecify.annotations.Nullable;

/**
 * A new partner as the console form and the API submit him: the contact (created, or
 * reused by e-mail) and his enrollment. Blank code = generated, null status = approved,
 * blank password = no login yet: he is invited by e-mail once approved, unless
 * {@code sendInvitation} is false.
 */
public record Registration(String email, @Nullable String firstName, @Nullable String lastName, long programId,
		@Nullable String code, @Nullable PartnerStatus status, @Nullable Long parentId, @Nullable String payoutEmail,
		@Nullable String password, boolean sendInvitation) {

	public Registration(String email, @Nullable String firstName, @Nullable String lastName, long programId,
			@Nullable String code, @Nullable PartnerStatus status, @Nullable Long parentId,
			@Nullable String payoutEmail, @Nullable String password) {
		this(email, firstName, lastName, programId, code, status, parentId, payoutEmail, password, true);
	}

}
