package dev.partnerhub.partners.domain;

import java.time.Instant;

import dev.partnerhub.partners.PartnerStatus;

/**
 * One line of the partner list: the partner with his contact, program and parent, read in
 * one query.
 */
public record PartnerRow(long id, String code, PartnerStatus status, long contactId, String email, String firstName,
		String lastName, long programId, String programName, Long parentId, String parentCode, String payoutEmail,
		Instant createdAt) {

	public String name() {
		return (this.firstName + " " + this.lastName).trim();
	}

}
