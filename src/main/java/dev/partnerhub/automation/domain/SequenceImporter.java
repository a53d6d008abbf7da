package dev.partnerhub.automation.domain;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import dev.partnerhub.automation.SequenceImport;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** {@link SequenceImport}: plain inserts. */
@Service
class SequenceImporter implements SequenceImport {

	private final JdbcClient jdbc;

	SequenceImporter(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public long importSequence(String name, boolean enrolOnApproval, Instant createdAt, List<Step> steps) {
		long sequence = this.jdbc.sql("""
				insert into automation_sequence (name, active, enrol_on_approval, created_at)
				values (:name, true, :onApproval, :now) returning id
				""")
			.param("name", name)
			.param("onApproval", enrolOnApproval)
			.param("now", Timestamp.from(createdAt))
			.query(Long.class)
			.single();
		for (Step step : steps) {
			this.jdbc.sql("""
					insert into automation_sequence_step (sequence_id, day_offset, template_key)
					values (:s, :day, :template)
					""")
				.param("s", sequence)
				.param("day", step.dayOffset())
				.param("template", step.templateKey())
				.update();
		}
		return sequence;
	}

	@Override
	public long importLeadSequence(String name, long optInProgramId, Instant createdAt, List<Step> steps) {
		long sequence = importSequence(name, false, createdAt, steps);
		this.jdbc.sql("update automation_sequence set enrol_on_opt_in_program_id = :program where id = :id")
			.param("program", optInProgramId)
			.param("id", sequence)
			.update();
		return sequence;
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
