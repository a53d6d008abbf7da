package dev.partnerhub.audit.domain;

import java.sql.Timestamp;
import java.time.Clock;

import dev.partnerhub.audit.AuditEntry;
import dev.partnerhub.audit.AuditLog;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Writes entries in the caller's transaction: a rolled-back decision leaves no entry. */
@Component
class JdbcAuditLog implements AuditLog {

	private final JdbcClient jdbc;

	private final Clock clock;

	JdbcAuditLog(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The actor's role is read from accounts' {@code team_member} view as the entry is
	 * written and kept with it: the role he had when he decided, whatever it is later.
	 */
	@Override
	@Transactional(propagation = Propagation.REQUIRED)
	public void record(AuditEntry entry) {
		this.jdbc.sql("""
				insert into audit_entry (occurred_at, actor, action, subject_type, subject_id, before_value,
				                         after_value, detail, actor_role)
				values (:at, :actor, :action, :subjectType, :subjectId, :before, :after, :detail,
				        (select role from team_member where lower(email) = lower(:actor) limit 1))
				""")
			.param("at", Timestamp.from(this.clock.instant()))
			.param("actor", truncate(entry.actor(), 254))
			.param("action", truncate(entry.action(), 60))
			.param("subjectType", truncate(entry.subjectType(), 40))
			.param("subjectId", truncate(entry.subjectId(), 100))
			.param("before", truncate(entry.before(), 4000))
			.param("after", truncate(entry.after(), 4000))
			.param("detail", truncate(entry.detail(), 2000))
			.update();
	}

	private static @Nullable String truncate(String value, int max) {
		if (value == null) {
			return null;
		}
		// PostgreSQL refuses a zero byte in text; a stray one in a reason must not fail
		// the decision it records
		String text = value.indexOf('\0') < 0 ? value : value.replace("\0", "");
		return text.length() <= max ? text : text.substring(0, max);
	}

}
