package dev.partnerhub.automation.domain;

import dev.partnerhub.tracking.ContactOptedIn;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.events.ApplicationModuleListener;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.partnerhub.automation.SequenceApi;
import dev.partnerhub.mail.MailApi;
import dev.partnerhub.partners.PartnerApproved;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;

import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * E-mail sequences: ordered steps "on day N after enrolment, send template X", and
 * per-partner enrolments. A step's day counts from the enrolment's start; steps are
 * ordered by (day, id). Sending is {@link SequenceRunner}'s job.
 */
@Service
@Transactional
public class Sequences implements SequenceApi {

	private final JdbcClient jdbc;

	private final MailApi mail;

	private final Clock clock;

	Sequences(JdbcClient jdbc, MailApi mail, Clock clock) {
		this.jdbc = jdbc;
		this.mail = mail;
		this.clock = clock;
	}

	// --- definitions

	@Transactional(readOnly = true)
	public List<Sequence> all() {
		return this.jdbc.sql("""
				select s.*, (select count(*) from automation_enrolment e where e.sequence_id = s.id
				                 and e.stopped_at is null and e.completed_at is null) as running
				from automation_sequence s order by lower(s.name)
				""").query(this::sequence).list();
	}

	@Transactional(readOnly = true)
	public Sequence get(long id) {
		return this.jdbc.sql("""
				select s.*, (select count(*) from automation_enrolment e where e.sequence_id = s.id
				                 and e.stopped_at is null and e.completed_at is null) as running
				from automation_sequence s where s.id = :id
				""")
			.param("id", id)
			.query(this::sequence)
			.optional()
			.orElseThrow(() -> new NotFoundException("No sequence " + id));
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<Long> findSequence(String name) {
		return this.jdbc.sql("select id from automation_sequence where lower(name) = lower(:name)")
			.param("name", name == null ? "" : name.strip())
			.query(Long.class)
			.optional();
	}

	public long create(String name, boolean active, boolean enrolOnApproval) {
		return create(name, active, enrolOnApproval, null);
	}

	/**
	 * {@code optInProgramId}: the program whose {@code /join} opt-ins this sequence
	 * enrols (the trigger "contact opted in"), null for none.
	 */
	public long create(String name, boolean active, boolean enrolOnApproval, @Nullable Long optInProgramId) {
		try {
			return this.jdbc
				.sql("""
						insert into automation_sequence (name, active, enrol_on_approval, enrol_on_opt_in_program_id, created_at)
						values (:name, :active, :auto, :optIn, :now) returning id
						""")
				.param("name", checkedName(name))
				.param("active", active)
				.param("auto", enrolOnApproval)
				.param("optIn", optInProgramId)
				.param("now", Timestamp.from(this.clock.instant()))
				.query(Long.class)
				.single();
		}
		catch (DuplicateKeyException ex) {
			throw new ConflictException("name", "A sequence called " + name.strip() + " exists already.");
		}
	}

	public void update(long id, String name, boolean active, boolean enrolOnApproval) {
		update(id, name, active, enrolOnApproval, get(id).optInProgramId());
	}

	public void update(long id, String name, boolean active, boolean enrolOnApproval, @Nullable Long optInProgramId) {
		get(id);
		try {
			this.jdbc.sql("""
					update automation_sequence set name = :name, active = :active, enrol_on_approval = :auto,
					       enrol_on_opt_in_program_id = :optIn
					where id = :id
					""")
				.param("name", checkedName(name))
				.param("active", active)
				.param("auto", enrolOnApproval)
				.param("optIn", optInProgramId)
				.param("id", id)
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new ConflictException("name", "A sequence called " + name.strip() + " exists already.");
		}
	}

	public long addStep(long sequenceId, Integer day, String templateKey) {
		get(sequenceId);
		if (day == null || day < 0 || day > 3650) {
			throw new InvalidInputException("day", "The day must be a whole number from 0 to 3650.");
		}
		if (templateKey == null || !this.mail.templateKeys().contains(templateKey.strip())) {
			throw new InvalidInputException("templateKey", "Choose an existing e-mail template.");
		}
		long id = this.jdbc.sql("""
				insert into automation_sequence_step (sequence_id, day_offset, template_key)
				values (:sequence, :day, :template) returning id
				""")
			.param("sequence", sequenceId)
			.param("day", day)
			.param("template", templateKey.strip())
			.query(Long.class)
			.single();
		reschedule(sequenceId);
		return id;
	}

	public void removeStep(long sequenceId, long stepId) {
		this.jdbc.sql("delete from automation_sequence_step where id = :id and sequence_id = :sequence")
			.param("id", stepId)
			.param("sequence", sequenceId)
			.update();
		reschedule(sequenceId);
	}

	@Transactional(readOnly = true)
	public List<Step> steps(long sequenceId) {
		return this.jdbc.sql("""
				select id, day_offset, template_key from automation_sequence_step
				where sequence_id = :sequence order by day_offset, id
				""")
			.param("sequence", sequenceId)
			.query((rs, n) -> new Step(rs.getLong(1), rs.getInt(2), rs.getString(3)))
			.list();
	}

	// --- enrolments

	@Override
	public boolean start(long sequenceId, long partnerId) {
		return start(sequenceId, partnerId, this.clock.instant());
	}

	/** As {@link #start(long, long)} at the given time (day 0 of the steps). */
	public boolean start(long sequenceId, long partnerId, Instant now) {
		get(sequenceId);
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
	public Optional<String> unsubscribe(String token, Instant now) {
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

	/** The sequence an unsubscribe link is for, while it can still be used. */
	@Transactional(readOnly = true)
	public Optional<String> unsubscribable(String token) {
		if (token == null || !token.strip().matches("[0-9a-f]{64}")) {
			return Optional.empty();
		}
		return this.jdbc.sql("""
				select s.name from automation_enrolment e join automation_sequence s on s.id = e.sequence_id
				where e.unsubscribe_token = :token and e.unsubscribed_at is null
				""").param("token", token.strip()).query(String.class).optional();
	}

	@Transactional(readOnly = true)
	public Page<Enrolment> enrolments(long sequenceId, Pageable pageable) {
		List<Enrolment> rows = this.jdbc.sql("""
				select * from automation_enrolment where sequence_id = :sequence
				order by started_at desc, id desc limit :limit offset :offset
				""")
			.param("sequence", sequenceId)
			.param("limit", pageable.getPageSize())
			.param("offset", pageable.getOffset())
			.query(Sequences::enrolment)
			.list();
		long total = this.jdbc.sql("select count(*) from automation_enrolment where sequence_id = :sequence")
			.param("sequence", sequenceId)
			.query(Long.class)
			.single();
		return new PageImpl<>(rows, pageable, total);
	}

	@Transactional(readOnly = true)
	public Optional<Enrolment> enrolment(long sequenceId, long partnerId) {
		return this.jdbc
			.sql("select * from automation_enrolment where sequence_id = :sequence and partner_id = :partner")
			.param("sequence", sequenceId)
			.param("partner", partnerId)
			.query(Sequences::enrolment)
			.optional();
	}

	/**
	 * Recomputes when the running enrolments' next step is due, after steps or enrolments
	 * changed: the step at {@code next_step} in (day, id) order, counted from
	 * {@code started_at}; finished when there is none.
	 */
	void reschedule(long sequenceId) {
		this.jdbc.sql("""
				update automation_enrolment e set next_due_at = e.started_at + make_interval(days => s.day_offset)
				from (select day_offset, row_number() over (order by day_offset, id) - 1 as idx
				      from automation_sequence_step where sequence_id = :sequence) s
				where e.sequence_id = :sequence and e.stopped_at is null and e.completed_at is null
				  and s.idx = e.next_step
				""").param("sequence", sequenceId).update();
		this.jdbc.sql("""
				update automation_enrolment e set next_due_at = null
				where e.sequence_id = :sequence and e.stopped_at is null and e.completed_at is null
				  and e.next_step >= (select count(*) from automation_sequence_step where sequence_id = :sequence)
				""").param("sequence", sequenceId).update();
	}

	private static String checkedName(String name) {
		if (name == null || name.isBlank() || name.strip().length() > 120) {
			throw new InvalidInputException("name", "A name of 1 to 120 characters is required.");
		}
		return name.strip();
	}

	private Sequence sequence(ResultSet rs, int row) throws SQLException {
		return new Sequence(rs.getLong("id"), rs.getString("name"), rs.getBoolean("active"),
				rs.getBoolean("enrol_on_approval"), rs.getLong("running"),
				rs.getObject("enrol_on_opt_in_program_id", Long.class));
	}

	static Enrolment enrolment(ResultSet rs, int row) throws SQLException {
		return new Enrolment(rs.getLong("id"), rs.getLong("sequence_id"), rs.getObject("partner_id", Long.class),
				rs.getTimestamp("started_at").toInstant(), rs.getInt("next_step"),
				instant(rs.getTimestamp("next_due_at")), instant(rs.getTimestamp("stopped_at")),
				instant(rs.getTimestamp("completed_at")), rs.getObject("contact_id", Long.class),
				rs.getString("unsubscribe_token"), instant(rs.getTimestamp("unsubscribed_at")));
	}

	private static Instant instant(Timestamp t) {
		return t == null ? null : t.toInstant();
	}

	/**
	 * {@code optInProgramId}: the program whose opt-ins it enrols ("contact opted in"),
	 * or null.
	 */
	public record Sequence(long id, String name, boolean active, boolean enrolOnApproval, long running,
			Long optInProgramId) {
	}

	public record Step(long id, int day, String templateKey) {

		public Duration offset() {
			return Duration.ofDays(this.day);
		}

	}

	/**
	 * A partner's enrolment ({@code partnerId}) or a lead's ({@code contactId}, with the
	 * token of his unsubscribe link).
	 */
	public record Enrolment(long id, long sequenceId, Long partnerId, Instant startedAt, int nextStep,
			Instant nextDueAt, Instant stoppedAt, Instant completedAt, Long contactId, String unsubscribeToken,
			Instant unsubscribedAt) {

		public String state() {
			return this.unsubscribedAt != null ? "unsubscribed"
					: this.stoppedAt != null ? "stopped" : this.completedAt != null ? "completed" : "running";
		}

		public boolean lead() {
			return this.contactId != null;
		}

	}

}
