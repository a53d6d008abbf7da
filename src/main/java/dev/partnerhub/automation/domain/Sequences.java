package dev.partnerhub.automation.domain;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import dev.partnerhub.mail.MailApi;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * E-mail sequences' definitions: ordered steps "on day N after enrolment, send template
 * X", edited as the {@link AutomationSequence} aggregate. A step's day counts from the
 * enrolment's start. Changing the steps moves the enrolments along
 * ({@link SequenceEnrolments#followSteps}); enrolling and stopping is
 * {@link SequenceEnrolments}'s job, sending {@link SequenceRunner}'s.
 */
@Service
@Transactional
public class Sequences {

	private final AutomationSequenceRepository repository;

	private final SequenceEnrolments enrolments;

	private final EnrolmentQueries queries;

	private final MailApi mail;

	private final Clock clock;

	Sequences(AutomationSequenceRepository repository, SequenceEnrolments enrolments, EnrolmentQueries queries,
			MailApi mail, Clock clock) {
		this.repository = repository;
		this.enrolments = enrolments;
		this.queries = queries;
		this.mail = mail;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public List<Sequence> all() {
		Map<Long, Long> running = this.queries.runningBySequence();
		return this.repository.findAllByName()
			.stream()
			.map(s -> summary(s, running.getOrDefault(s.getId(), 0L)))
			.toList();
	}

	@Transactional(readOnly = true)
	public Sequence get(long id) {
		return summary(load(id), this.queries.running(id));
	}

	/** The sequence with this name (case-insensitive). */
	@Transactional(readOnly = true)
	public Optional<Long> findSequence(@Nullable String name) {
		return this.repository.findByNameIgnoreCase(name == null ? "" : name.strip()).map(AutomationSequence::getId);
	}

	public long create(@Nullable String name, boolean active, boolean enrolOnApproval) {
		return create(name, active, enrolOnApproval, null);
	}

	/**
	 * {@code optInProgramId}: the program whose {@code /join} opt-ins this sequence
	 * enrols (the trigger "contact opted in"), null for none.
	 */
	public long create(@Nullable String name, boolean active, boolean enrolOnApproval, @Nullable Long optInProgramId) {
		String checked = checkedName(name);
		return save(new AutomationSequence(checked, active, enrolOnApproval, optInProgramId, this.clock.instant()))
			.getId();
	}

	public void update(long id, @Nullable String name, boolean active, boolean enrolOnApproval) {
		update(id, name, active, enrolOnApproval, get(id).optInProgramId(), null);
	}

	/**
	 * Changes the settings, refused with
	 * {@link org.springframework.dao.OptimisticLockingFailureException} when
	 * {@code version} (the one the editor loaded; null = any) is no longer the
	 * sequence's.
	 */
	public void update(long id, @Nullable String name, boolean active, boolean enrolOnApproval,
			@Nullable Long optInProgramId, @Nullable Long version) {
		AutomationSequence sequence = load(id);
		String checked = checkedName(name);
		sequence.expectVersion(version);
		sequence.settings(checked, active, enrolOnApproval, optInProgramId);
		save(sequence);
	}

	public long addStep(long sequenceId, @Nullable Integer day, @Nullable String templateKey) {
		return addStep(sequenceId, day, templateKey, null);
	}

	/** Adds a step (after those of the same day); its id. */
	public long addStep(long sequenceId, @Nullable Integer day, @Nullable String templateKey, @Nullable Long version) {
		load(sequenceId);
		if (day == null || day < 0 || day > 3650) {
			throw new InvalidInputException("day", "The day must be a whole number from 0 to 3650.");
		}
		if (templateKey == null || !this.mail.templateKeys().contains(templateKey.strip())) {
			throw new InvalidInputException("templateKey", "Choose an existing e-mail template.");
		}
		int[] index = new int[1];
		AutomationSequence saved = editSteps(sequenceId, version, s -> index[0] = s.addStep(day, templateKey.strip()));
		return saved.stepIds().get(index[0]);
	}

	public void removeStep(long sequenceId, long stepId) {
		removeStep(sequenceId, stepId, null);
	}

	public void removeStep(long sequenceId, long stepId, @Nullable Long version) {
		editSteps(sequenceId, version, s -> s.removeStep(stepId));
	}

	/** The steps in order. */
	@Transactional(readOnly = true)
	public List<Step> steps(long sequenceId) {
		return this.repository.findById(sequenceId)
			.map(s -> s.getSteps().stream().map(Sequences::step).toList())
			.orElse(List.of());
	}

	/**
	 * A change of the steps, under the sequence's lock; the running enrolments then point
	 * at the same next step as before (see {@link SequenceEnrolments#followSteps}).
	 */
	private AutomationSequence editSteps(long sequenceId, @Nullable Long version, Consumer<AutomationSequence> edit) {
		AutomationSequence sequence = this.repository.findForUpdateById(sequenceId)
			.orElseThrow(() -> new NotFoundException("No sequence " + sequenceId));
		sequence.expectVersion(version);
		List<Long> before = sequence.stepIds();
		edit.accept(sequence);
		AutomationSequence saved = save(sequence);
		this.enrolments.followSteps(sequenceId, before, saved.stepIds());
		return saved;
	}

	private AutomationSequence load(long id) {
		return this.repository.findById(id).orElseThrow(() -> new NotFoundException("No sequence " + id));
	}

	private AutomationSequence save(AutomationSequence sequence) {
		try {
			return this.repository.save(sequence);
		}
		catch (DuplicateKeyException ex) {
			throw new ConflictException("name", "A sequence called " + sequence.getName() + " exists already.");
		}
	}

	private static String checkedName(@Nullable String name) {
		if (name == null || name.isBlank() || name.strip().length() > 120) {
			throw new InvalidInputException("name", "A name of 1 to 120 characters is required.");
		}
		return name.strip();
	}

	private static Sequence summary(AutomationSequence s, long running) {
		return new Sequence(s.getId(), s.getName(), s.isActive(), s.isEnrolOnApproval(), running, s.getOptInProgramId(),
				s.getVersion());
	}

	private static Step step(AutomationSequence.Step s) {
		return new Step(s.getId(), s.getDayOffset(), s.getTemplateKey());
	}

	/**
	 * {@code optInProgramId}: the program whose opt-ins it enrols ("contact opted in"),
	 * or null; {@code version}: what the console's forms send back (optimistic locking).
	 */
	public record Sequence(long id, String name, boolean active, boolean enrolOnApproval, long running,
			@Nullable Long optInProgramId, @Nullable Long version) {
	}

	public record Step(long id, int day, String templateKey) {

		public Duration offset() {
			return Duration.ofDays(this.day);
		}

	}

}
