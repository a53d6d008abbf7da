package dev.partnerhub.rollups.domain;

import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.InsertOnlyProperty;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A contest's definition as stored; the read model with its program's and rollup's names
 * ({@link dev.partnerhub.rollups.Contest}) stays one SQL join in {@link ContestService}.
 */
@Table("contest")
class ContestDefinition {

	@Id
	private Long id;

	private String name;

	private long programId;

	private String[] skus;

	private LocalDate startsOn;

	private @Nullable LocalDate endsOn;

	private @Nullable Long rollupFieldId;

	private boolean ownsRollup;

	@InsertOnlyProperty
	private Instant createdAt;

	private Instant updatedAt;

	@Version
	private Long version;

	protected ContestDefinition() {
	}

	ContestDefinition(ContestDraft draft, @Nullable Long rollupFieldId, Instant now) {
		this.createdAt = now;
		define(draft, rollupFieldId, now);
	}

	void define(ContestDraft draft, @Nullable Long rollupFieldId, Instant now) {
		this.name = draft.name();
		this.programId = draft.programId();
		this.skus = draft.skus().toArray(String[]::new);
		this.startsOn = draft.startsOn();
		this.endsOn = draft.endsOn();
		this.rollupFieldId = rollupFieldId;
		this.ownsRollup = draft.createRollup();
		this.updatedAt = now;
	}

	/**
	 * Refuses a change made from a form loaded at another version (null = any), before
	 * the contest's rollup is touched; the save checks again.
	 */
	void expectVersion(@Nullable Long version) {
		if (version != null && !version.equals(this.version)) {
			throw new OptimisticLockingFailureException("Contest " + this.id + " changed meanwhile.");
		}
	}

	Long getId() {
		return this.id;
	}

	Long getVersion() {
		return this.version;
	}

}
