package dev.partnerhub.audit;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One decision. {@code actor} is the user's e-mail, {@code "api-key:<name>"} or
 * {@code "system"} (scheduled jobs); {@code action} a dotted verb such as
 * {@code commission.approve}; {@code subjectType}/{@code subjectId} what it was done to;
 * {@code before}/{@code after} short JSON or text snapshots (may be null); {@code detail}
 * free text such as a decline reason.
 */
public record AuditEntry(String actor, String action, String subjectType, @Nullable String subjectId,
		@Nullable String before, @Nullable String after, @Nullable String detail) {

	public AuditEntry {
		Objects.requireNonNull(action, "action");
		Objects.requireNonNull(subjectType, "subjectType");
		actor = actor == null || actor.isBlank() ? "system" : actor;
	}

	public static AuditEntry of(String actor, String action, String subjectType, @Nullable Object subjectId,
			@Nullable String before, @Nullable String after) {
		return new AuditEntry(actor, action, subjectType, subjectId == null ? null : subjectId.toString(), before,
				after, null);
	}

	public AuditEntry withDetail(@Nullable String detail) {
		return new AuditEntry(this.actor, this.action, this.subjectType, this.subjectId, this.before, this.after,
				detail);
	}

}
