package dev.partnerhub.automation.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Column;
import org.springframework.data.relational.core.mapping.InsertOnlyProperty;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * An e-mail sequence with its ordered steps ({@code automation_sequence_step.position} is
 * the list index; steps are kept in (day, added) order). Spring Data JDBC writes the
 * steps again on every save; a step keeps its id (the outbox's dedupe key of a sent step
 * names it) because an existing step is inserted with the id it has. Enrolments are not
 * part of it: they are set-based SQL ({@link SequenceEnrolments}).
 */
@Table("automation_sequence")
class AutomationSequence {

	@Id
	private @Nullable Long id;

	private String name;

	private boolean active;

	private boolean enrolOnApproval;

	// the program whose /join opt-ins it enrols ("contact opted in"), null for none
	@Column("enrol_on_opt_in_program_id")
	private @Nullable Long optInProgramId;

	@InsertOnlyProperty
	private Instant createdAt;

	@MappedCollection(idColumn = "sequence_id", keyColumn = "position")
	private List<Step> steps = new ArrayList<>();

	@Version
	private @Nullable Long version;

	AutomationSequence(String name, boolean active, boolean enrolOnApproval, @Nullable Long optInProgramId,
			Instant createdAt) {
		this.createdAt = createdAt;
		settings(name, active, enrolOnApproval, optInProgramId);
	}

	void settings(String name, boolean active, boolean enrolOnApproval, @Nullable Long optInProgramId) {
		this.name = name;
		this.active = active;
		this.enrolOnApproval = enrolOnApproval;
		this.optInProgramId = optInProgramId;
	}

	/**
	 * A step after those of the same or an earlier day (the order (day, id) had when the
	 * steps had no position); its index.
	 */
	int addStep(int day, String templateKey) {
		int index = 0;
		while (index < this.steps.size() && this.steps.get(index).dayOffset <= day) {
			index++;
		}
		this.steps.add(index, new Step(null, day, templateKey));
		return index;
	}

	/** False when the sequence has no such step. */
	boolean removeStep(long stepId) {
		return this.steps.removeIf(s -> s.id != null && s.id == stepId);
	}

	/**
	 * The version the editor's page was loaded with: a save then fails when someone saved
	 * in between.
	 */
	void expectVersion(@Nullable Long version) {
		if (version != null) {
			this.version = version;
		}
	}

	/** The steps' ids in order (after a save, every step has one). */
	List<Long> stepIds() {
		return this.steps.stream().map(s -> s.id).toList();
	}

	@Nullable Long getId() {
		return this.id;
	}

	String getName() {
		return this.name;
	}

	boolean isActive() {
		return this.active;
	}

	boolean isEnrolOnApproval() {
		return this.enrolOnApproval;
	}

	@Nullable Long getOptInProgramId() {
		return this.optInProgramId;
	}

	@Nullable Long getVersion() {
		return this.version;
	}

	List<Step> getSteps() {
		return this.steps;
	}

	/**
	 * One row of {@code automation_sequence_step}: on day N after enrolment, send
	 * template X.
	 */
	@Table("automation_sequence_step")
	static class Step {

		@Id
		private @Nullable Long id;

		private final int dayOffset;

		private final String templateKey;

		Step(@Nullable Long id, int dayOffset, String templateKey) {
			this.id = id;
			this.dayOffset = dayOffset;
			this.templateKey = templateKey;
		}

		@Nullable Long getId() {
			return this.id;
		}

		int getDayOffset() {
			return this.dayOffset;
		}

		String getTemplateKey() {
			return this.templateKey;
		}

	}

}
