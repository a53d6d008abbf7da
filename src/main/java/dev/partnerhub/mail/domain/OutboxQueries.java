package dev.partnerhub.mail.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.jspecify.annotations.Nullable;

/** The console's view of the outbox. */
@Component
@Transactional(readOnly = true)
public class OutboxQueries {

	public static final List<String> STATUSES = List.of("queued", "sending", "sent", "failed");

	private static final Map<String, String> SORTS = Map.of("createdAt", "created_at", "to", "to_address", "status",
			"status", "attempts", "attempts", "sentAt", "sent_at", "subject", "subject");

	private final JdbcClient jdbc;

	OutboxQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Page<Message> find(String status, String to, Pageable pageable) {
		Sort.Order order = pageable.getSort().stream().findFirst().orElse(Sort.Order.desc("createdAt"));
		String orderBy = SORTS.getOrDefault(order.getProperty(), "created_at") + (order.isAscending() ? "" : " desc")
				+ " nulls last, id desc";
		List<Message> rows = this.jdbc
			.sql("select * from mail_message where " + where() + " order by " + orderBy
					+ " limit :limit offset :offset")
			.param("status", status)
			.param("to", to == null ? null : "%" + like(to) + "%")
			.param("limit", pageable.getPageSize())
			.param("offset", pageable.getOffset())
			.query(OutboxQueries::message)
			.list();
		long total = this.jdbc.sql("select count(*) from mail_message where " + where())
			.param("status", status)
			.param("to", to == null ? null : "%" + like(to) + "%")
			.query(Long.class)
			.single();
		return new PageImpl<>(rows, pageable, total);
	}

	/** Every match in the list's order, streamed (for CSV). */
	public void forEach(String status, String to, Sort sort, Consumer<Message> each) {
		Sort.Order order = sort.stream().findFirst().orElse(Sort.Order.desc("createdAt"));
		String orderBy = SORTS.getOrDefault(order.getProperty(), "created_at") + (order.isAscending() ? "" : " desc")
				+ " nulls last, id desc";
		this.jdbc.sql("select * from mail_message where " + where() + " order by " + orderBy)
			.param("status", status)
			.param("to", to == null ? null : "%" + like(to) + "%")
			.query(OutboxQueries::message)
			.stream()
			.forEach(each);
	}

	public Optional<Message> find(long id) {
		return this.jdbc.sql("select * from mail_message where id = :id")
			.param("id", id)
			.query(OutboxQueries::message)
			.optional();
	}

	public Map<String, Long> counts() {
		Map<String, Long> counts = new java.util.LinkedHashMap<>();
		STATUSES.forEach(s -> counts.put(s, 0L));
		this.jdbc.sql("select status, count(*) from mail_message group by status")
			.query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2)))
			.list();
		return counts;
	}

	private static String where() {
		return "(cast(:status as varchar) is null or status = :status)"
				+ " and (cast(:to as varchar) is null or lower(to_address) like lower(:to) escape '\\')";
	}

	private static String like(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	static Message message(ResultSet rs, int row) throws SQLException {
		return new Message(rs.getLong("id"), rs.getString("to_address"), rs.getString("subject"),
				rs.getString("body_text"), rs.getString("template_key"), (Long) rs.getObject("partner_id"),
				rs.getString("status"), rs.getInt("attempts"), instant(rs.getTimestamp("next_attempt_at")),
				rs.getString("last_error"), rs.getString("dedupe_key"), instant(rs.getTimestamp("created_at")),
				instant(rs.getTimestamp("sent_at")));
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	public record Message(long id, String to, String subject, String body, @Nullable String templateKey,
			@Nullable Long partnerId, String status, int attempts, Instant nextAttemptAt, @Nullable String lastError,
			@Nullable String dedupeKey, Instant createdAt, @Nullable Instant sentAt) {
	}

}
