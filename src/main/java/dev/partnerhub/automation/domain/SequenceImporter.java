package dev.partnerhub.automation.domain;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import dev.partnerhub.automation.SequenceImport;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * {@link SequenceImport}: sequences saved as aggregates, enrolments inserted as given.
 */
@Service
class SequenceImporter implements SequenceImport {

	private final JdbcClient jdbc;

	private final AutomationSequenceRepository sequences;

	SequenceImporter(JdbcClient jdbc, AutomationSequenceRepository sequences) {
		this.jdbc = jdbc;
		this.sequences = sequences;
	}

	@Override
	public long importSequence(String name, boolean enrolOnApproval, Instant createdAt, List<Step> steps) {
		return save(new AutomationSequence(name, true, enrolOnApproval, null, createdAt), steps);
	}

	@Override
	public long importLeadSequence(String name, long optInProgramId, Instant createdAt, List<Step> steps) {
		return save(new AutomationSequence(name, true, false, optInProgramId, createdAt), steps);
	}

	private long save(AutomationSequence sequence, List<Step> steps) {
		steps.forEach(step -> sequence.addStep(step.dayOffset(), step.templateKey()));
		return this.sequences.save(sequence).getId();
	}

	@Override
	public void importEnrolment(long sequenceId, long partnerId, Instant startedAt, Instant firstDueAt) {
		this.jdbc.sql("""
				insert into automation_enrolment (sequence_id, partner_id, started_at, next_step, next_due_at)
				values (:s, :partner, :started, 0, :due)
				""")
			.param("s", sequenceId)
			.param("partner", partnerId)
			.param("started", Timestamp.from(startedAt))
			.param("due", Timestamp.from(firstDueAt))
			.update();
	}

}
