package dev.partnerhub.automation.domain;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.partnerhub.automation.SequenceApi;
import dev.partnerhub.partners.PartnerApproved;
import dev.partnerhub.support.NotFoundException;
import dev.partnerhub.tracking.ContactOptedIn;
import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Enrolments in e-mail sequences (a partner's or, for "contact opted in", a lead's):
 * starting, stopping, the automatic enrolments, the lead's unsubscribe, and when each
 * running one's next step is due. Set-based SQL on {@code automation_enrolment}; an
 * enrolment's {@code next_step} is an index into its sequence's steps (their
 * {@code position}).
 */
@Service
@Transactional
public class SequenceEnrolments implements SequenceApi {

	private final JdbcClient jdbc;

	private final AutomationSequenceRepository sequences;

	private final Clock clock;

	SequenceEnrolments(JdbcClient jdbc, AutomationSequenceRepository sequences, Clock clock) {
		this.jdbc = jdbc;
		this.sequences = sequences;
		this.clock = clock;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<Long> findSequence(@Nullable String name) {
		return this.sequences.findByNameIgnoreCase(name == null ? "" : name.strip()).map(AutomationSequence::getId);
	}

	@Override
	public boolean start(long sequenceId, long partnerId) {
		return start(sequenceId, partnerId, this.clock.instant());
	}

	/** As {@link #start(long, long)} at the given time (day 0 of the steps). */
	public boolean start(long sequenceId, long partnerId, Instant now) {
		if (!this.sequences.existsById(sequenceId)) {
			throw new NotFoundException("No sequence " + sequenceId);
		}
		int inserted = this.jdbc.sql("""
				insert into automation_enrolment (sequence_id, partner_id, started_at, next_step)
				values (:sequence, :partner, :now, 0)
				on conflict (sequence_id, partner_id) do nothing
				""")
			.param("sequence", sequenceId)
			.param("partner", partnerId)
			.param("now", Timestamp.from(now))
			.update();
		boolean resumed = false;
		if (inserted == 0) {
			resumed = this.jdbc.sql("""
					update automation_enrolment set stopped_at = null, completed_at = null
					where sequence_id = :sequence and partner_id = :partner and stopped_at is not null
					""").param("sequence", sequenceId).param("partner", partnerId).update() > 0;
		}
		if (inserted > 0 || resumed) {
			reschedule(sequenceId);
			return true;
		}
		return false;
	}

	@Override
	public boolean stop(long sequenceId, long partnerId) {
		return stop(sequenceId, partnerId, this.clock.instant());
	}

	public boolean stop(long sequenceId, long partnerId, Instant now) {
		return this.jdbc.sql("""
				update automation_enrolment set stopped_at = :now, next_due_at = null
				where sequence_id = :sequence and partner_id = :partner and stopped_at is null and completed_at is null
				""")
			.param("now", Timestamp.from(now))
			.param("sequence", sequenceId)
			.param("partner", partnerId)
			.update() > 0;
	}

	/**
	 * Every partner who becomes approved joins the active sequences marked "enrol on
	 * approval" (once each).
	 */
	@EventListener
	void onApproved(PartnerApproved event) {
		enrolOnApproval(event.partnerId(), this.clock.instant());
	}

	public void enrolOnApproval(long partnerId, Instant now) {
		List<Long> sequences = this.jdbc.sql("""
				insert into automation_enrolment (sequence_id, partner_id, started_at, next_step)
				select id, :partner, :now, 0 from automation_sequence where active and enrol_on_approval
				on conflict (sequence_id, partner_id) do nothing
				returning sequence_id
				""").param("partner", partnerId).param("now", Timestamp.from(now)).query(Long.class).list();
		sequences.forEach(this::reschedule);
	}

	/**
	 * A contact who opted in through {@code /join} for a program joins the active
	 * sequences with the trigger "contact opted in" for it (once each; after the opt-in
	 * committed).
	 */
	@ApplicationModuleListener(id = "automation.sequences.contact-opted-in")
	void onOptedIn(ContactOptedIn event) {
		enrolOnOptIn(event.contactId(), event.programId(), this.clock.instant());
	}

	/** Enrols the lead; how many sequences he joined. */
	public int enrolOnOptIn(long contactId, long programId, Instant now) {
		List<Long> sequences = this.jdbc.sql("""
				insert into automation_enrolment (sequence_id, contact_id, started_at, next_step, unsubscribe_token)
				select id, :contact, :now, 0, replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')
				from automation_sequence where active and enrol_on_opt_in_program_id = :program
				on conflict (sequence_id, contact_id) where contact_id is not null do nothing
				returning sequence_id
				""")
			.param("contact", contactId)
			.param("program", programId)
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.list();
		sequences.forEach(this::reschedule);
		return sequences.size();
	}

	/**
	 * The unsubscribe link of a lead's sequence e-mails: his enrolment stops for good (no
	 * further step is sent). The sequence's name, empty for an unknown or used token.
	 */
	public Optional<String> unsubscribe(@Nullable String token, Instant now) {
		if (token == null || !token.strip().matches("[0-9a-f]{64}")) {
			return Optional.empty();
		}
		return this.jdbc.sql("""
				update automation_enrolment e set unsubscribed_at = :now, next_due_at = null,
				       stopped_at = coalesce(e.stopped_at, :now)
				from automation_sequence s
				where s.id = e.sequence_id and e.unsubscribe_token = :token and e.unsubscribed_at is null
				returning s.name
				""").param("now", Timestamp.from(now)).param("token", token.strip()).query(String.class).optional();
	}

	/**
	 * After the steps changed from {@code before} to {@code after} (ids in order; a kept
	 * step keeps its id): each enrolment that has not completed points at the first step
	 * it was not sent yet, which is the step it pointed at unless that one was removed or
	 * a new step came before it. Steps were sent to it when they stood before its
	 * {@code next_step}; one sent step that moved behind is skipped by the outbox's
	 * dedupe key. Then the due times follow.
	 */
	void followSteps(long sequenceId, List<Long> before, List<Long> after) {
		List<String> moves = new ArrayList<>();
		List<Integer> from = new ArrayList<>();
		for (int next = 0; next <= before.size(); next++) {
			Set<Long> sent = new HashSet<>(before.subList(0, next));
			int moved = 0;
			while (moved < after.size() && sent.contains(after.get(moved))) {
				moved++;
			}
			if (moved != next) {
				// whole numbers only: the statement is built from ints
				moves.add("when " + next + " then " + moved);
				from.add(next);
			}
		}
		if (!moves.isEmpty()) {
			// one statement: each row moves once, from the index it has when its lock is
			// taken (a runner holding it has advanced it under the old steps by then)
			this.jdbc
				.sql("update automation_enrolment set next_step = case next_step " + String.join(" ", moves)
						+ " else next_step end where sequence_id = :sequence and completed_at is null"
						+ " and next_step = any(:from)")
				.param("sequence", sequenceId)
				.param("from", from.toArray(Integer[]::new))
				.update();
		}
		reschedule(sequenceId);
	}

	/**
	 * Recomputes when the running enrolments' next step is due, after steps or enrolments
	 * changed: the step at {@code next_step}, counted from {@code started_at}; none when
	 * there is no such step.
	 */
	void reschedule(long sequenceId) {
		this.jdbc.sql("""
				update automation_enrolment e set next_due_at = e.started_at + make_interval(days => s.day_offset)
				from automation_sequence_step s
				where e.sequence_id = :sequence and e.stopped_at is null and e.completed_at is null
				  and s.sequence_id = :sequence and s.position = e.next_step
				""").param("sequence", sequenceId).update();
		this.jdbc.sql("""
				update automation_enrolment e set next_due_at = null
				where e.sequence_id = :sequence and e.stopped_at is null and e.completed_at is null
				  and e.next_step >= (select count(*) from automation_sequence_step where sequence_id = :sequence)
				""").param("sequence", sequenceId).update();
	}

}
