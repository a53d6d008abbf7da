package dev.partnerhub.partners.domain;

import java.time.Instant;

import dev.partnerhub.partners.PartnerAccess;
import dev.partnerhub.partners.PartnerStatus;
import org.jspecify.annotations.Nullable;

/**
 * One line of the partner list: the partner with his contact, program and parent, read in
 * one query, and whether he can log in ({@code access}).
 */
public record PartnerRow(long id, String code, PartnerStatus status, long contactId, String email, String firstName,
		String lastName, long programId, String programName, @Nullable Long parentId, @Nullable String parentCode,
		@Nullable String payoutEmail, Instant createdAt, PartnerAccess access) {

	public String name() {
		return (this.firstName + " " + this.lastName).trim();
	}

}
