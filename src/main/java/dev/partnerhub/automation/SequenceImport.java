package dev.partnerhub.automation;

import java.time.Instant;
import java.util.List;

/**
 * Insert of e-mail sequences and enrolments as given (the demo seed). Runs in the
 * caller's transaction.
 */
public interface SequenceImport {

	/** A step: the template sent {@code dayOffset} days after the enrolment started. */
	record Step(int dayOffset, String templateKey) {
	}

	/** An active sequence with its steps, in the given order; answers its id. */
	long importSequence(String name, boolean enrolOnApproval, Instant createdAt, List<Step> steps);

	/**
	 * An active sequence that enrols the contacts who opt in through {@code /join} for
	 * the program (the trigger "contact opted in"); answers its id.
	 */
	long importLeadSequence(String name, long optInProgramId, Instant createdAt, List<Step> steps);

	/**
	 * Enrols the partner as if he had joined at {@code startedAt}: the first step is due
	 * at {@code firstDueAt}.
	 */
	void importEnrolment(long sequenceId, long partnerId, Instant startedAt, Instant firstDueAt);

}
