package dev.partnerhub.groups;

import java.time.Instant;

/** A contact in a group. */
public record GroupMember(long contactId, String email, String firstName, String lastName, Instant dateAdded) {

	public String name() {
		return (this.firstName + " " + this.lastName).strip();
	}

}
