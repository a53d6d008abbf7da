package dev.partnerhub.commissions.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import dev.partnerhub.audit.AuditEntry;
import dev.partnerhub.audit.AuditLog;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Held commissions under review: the console's list, release (→ {@code pending}, then the
 * usual manual or delayed approval) or decline, each with a note, audited. Both are one
 * conditional update ({@code where status = 'held'}): of two admins acting at once, one
 * wins and the other is told it changed.
 */
@Service
@Transactional
public class HoldReview {

	public static final int MAX_NOTE = 500;

	private final JdbcClient jdbc;

	private final AuditLog audit;

	HoldReview(JdbcClient jdbc, AuditLog audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	public record Held(long id, Instant transactionDate, long partnerId, String partnerCode, @Nullable String orderId,
			String contactEmail, int tier, BigDecimal amount, String currency, String holdReason, Instant heldAt) {
	}

	@Transactional(readOnly = true)
	public List<Held> held(int limit, long offset) {
		return this.jdbc.sql("""
				select c.id, c.transaction_date, c.partner_id, p.code, o.order_id, ct.email, c.tier, c.amount,
				       c.currency, c.hold_reason, c.held_at
				from commission c
				join partner_directory p on p.id = c.partner_id
				join contact_directory ct on ct.id = c.contact_id
				left join order_ledger o on o.id = c.order_id
				where c.status = 'held'
				order by c.held_at desc, c.id desc limit :limit offset :offset
				""")
			.param("limit", limit)
			.param("offset", offset)
			.query((rs, n) -> new Held(rs.getLong("id"), rs.getTimestamp("transaction_date").toInstant(),
					rs.getLong("partner_id"), rs.getString("code"), rs.getString("order_id"), rs.getString("email"),
					rs.getInt("tier"), rs.getBigDecimal("amount"), rs.getString("currency"),
					rs.getString("hold_reason"), rs.getTimestamp("held_at").toInstant()))
			.list();
	}

	@Transactional(readOnly = true)
	public long countHeld() {
		return this.jdbc.sql("select count(*) from commission where status = 'held'").query(Long.class).single();
	}

	/** Held → pending. */
	public void release(long id, @Nullable String note, String actor) {
		String text = note(note);
		change(id, """
				update commission set status = 'pending', version = version + 1
				where id = :id and status = 'held'
				returning hold_reason
				""", null, actor, "commission.release", "pending", text);
	}

	/** Held → declined, the note as the decline reason. */
	public void decline(long id, @Nullable String note, String actor) {
		String text = note(note);
		change(id, """
				update commission set status = 'declined', declined_at = now(), decline_reason = :note,
				       version = version + 1
				where id = :id and status = 'held'
				returning hold_reason
				""", text, actor, "commission.decline", "declined", text);
	}

	private void change(long id, String sql, @Nullable String declineNote, String actor, String action, String after,
			String note) {
		var statement = this.jdbc.sql(sql).param("id", id);
		if (declineNote != null) {
			statement = statement.param("note", declineNote);
		}
		String holdReason = statement.query(String.class).optional().orElse(null);
		if (holdReason == null) {
			throw new ConflictException("id", "Commission " + id + " is not held (any more).");
		}
		this.audit.record(AuditEntry
			.of(actor, action, "commission", id, "{\"status\":\"held\"}", "{\"status\":\"" + after + "\"}")
			.withDetail(note + " (held: " + holdReason + ")"));
	}

	private static String note(@Nullable String note) {
		if (note == null || note.isBlank()) {
			throw new InvalidInputException("note", "A note is required: say why.");
		}
		String text = note.strip();
		if (text.length() > MAX_NOTE) {
			throw new InvalidInputException("note", "The note may have at most " + MAX_NOTE + " characters.");
		}
		return text;
	}

}
