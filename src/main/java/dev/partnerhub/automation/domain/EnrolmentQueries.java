package dev.partnerhub.automation.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Sequence enrolments read for the console, the unsubscribe page and the runner. */
@Service
@Transactional(readOnly = true)
public class EnrolmentQueries {

	private final JdbcClient jdbc;

	EnrolmentQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Page<Enrolment> enrolments(long sequenceId, Pageable pageable) {
		List<Enrolment> rows = this.jdbc.sql("""
				select * from automation_enrolment where sequence_id = :sequence
				order by started_at desc, id desc limit :limit offset :offset
				""")
			.param("sequence", sequenceId)
			.param("limit", pageable.getPageSize())
			.param("offset", pageable.getOffset())
			.query(EnrolmentQueries::enrolment)
			.list();
		long total = this.jdbc.sql("select count(*) from automation_enrolment where sequence_id = :sequence")
			.param("sequence", sequenceId)
			.query(Long.class)
			.single();
		return new PageImpl<>(rows, pageable, total);
	}

	public Optional<Enrolment> enrolment(long sequenceId, long partnerId) {
		return this.jdbc
			.sql("select * from automation_enrolment where sequence_id = :sequence and partner_id = :partner")
			.param("sequence", sequenceId)
			.param("partner", partnerId)
			.query(EnrolmentQueries::enrolment)
			.optional();
	}

	/** The sequence an unsubscribe link is for, while it can still be used. */
	public Optional<String> unsubscribable(@Nullable String token) {
		if (token == null || !token.strip().matches("[0-9a-f]{64}")) {
			return Optional.empty();
		}
		return this.jdbc.sql("""
				select s.name from automation_enrolment e join automation_sequence s on s.id = e.sequence_id
				where e.unsubscribe_token = :token and e.unsubscribed_at is null
				""").param("token", token.strip()).query(String.class).optional();
	}

	/** How many enrolments run (neither stopped nor completed) in each sequence. */
	Map<Long, Long> runningBySequence() {
		Map<Long, Long> running = new HashMap<>();
		this.jdbc.sql("""
				select sequence_id, count(*) from automation_enrolment
				where stopped_at is null and completed_at is null group by sequence_id
				""").query((rs, n) -> running.put(rs.getLong(1), rs.getLong(2))).list();
		return running;
	}

	long running(long sequenceId) {
		return this.jdbc.sql("""
				select count(*) from automation_enrolment
				where sequence_id = :sequence and stopped_at is null and completed_at is null
				""").param("sequence", sequenceId).query(Long.class).single();
	}

	static Enrolment enrolment(ResultSet rs, int row) throws SQLException {
		return new Enrolment(rs.getLong("id"), rs.getLong("sequence_id"), rs.getObject("partner_id", Long.class),
				rs.getTimestamp("started_at").toInstant(), rs.getInt("next_step"),
				instant(rs.getTimestamp("next_due_at")), instant(rs.getTimestamp("stopped_at")),
				instant(rs.getTimestamp("completed_at")), rs.getObject("contact_id", Long.class),
				rs.getString("unsubscribe_token"), instant(rs.getTimestamp("unsubscribed_at")));
	}

	private static @Nullable Instant instant(@Nullable Timestamp t) {
		return t == null ? null : t.toInstant();
	}

	/**
	 * A partner's enrolment ({@code partnerId}) or a lead's ({@code contactId}, with the
	 * token of his unsubscribe link).
	 */
	public record Enrolment(long id, long sequenceId, @Nullable Long partnerId, Instant startedAt, int nextStep,
			@Nullable Instant nextDueAt, @Nullable Instant stoppedAt, @Nullable Instant completedAt,
			@Nullable Long contactId, @Nullable String unsubscribeToken, @Nullable Instant unsubscribedAt) {

		public String state() {
			return this.unsubscribedAt != null ? "unsubscribed"
					: this.stoppedAt != null ? "stopped" : this.completedAt != null ? "completed" : "running";
		}

		public boolean lead() {
			return this.contactId != null;
		}

	}

}
