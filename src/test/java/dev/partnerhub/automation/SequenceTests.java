package dev.partnerhub.automation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.automation.domain.SequenceRunner;
import dev.partnerhub.automation.domain.EnrolmentQueries;
import dev.partnerhub.automation.domain.SequenceEnrolments;
import dev.partnerhub.automation.domain.Sequences;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.mail.MailFixtures;
import dev.partnerhub.mail.domain.MailTemplates;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.Enrollment;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static dev.partnerhub.mail.MailFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Sequences with explicit times: day 0, 3 and 7 each send once; stopping stops; approval
 * enrols.
 */
@IntegrationTest
class SequenceTests {

	/**
	 * Far from the real clock, so no other test's enrolment is due at these times by
	 * accident.
	 */
	static final Instant T = Instant.parse("2099-03-01T09:00:00Z");

	@Autowired
	Sequences sequences;

	@Autowired
	SequenceEnrolments enrolments;

	@Autowired
	EnrolmentQueries queries;

	@Autowired
	SequenceRunner runner;

	@Autowired
	MailTemplates templates;

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactApi contacts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	@Test
	void stepsSendOnScheduleExactlyOnceEach() {
		List<String> keys = templates("day0", "day3", "day7");
		long sequence = this.sequences.create(unique("Seq "), true, false);
		this.sequences.addStep(sequence, 7, keys.get(2));
		this.sequences.addStep(sequence, 0, keys.get(0));
		this.sequences.addStep(sequence, 3, keys.get(1));
		PartnerSummary partner = partner();
		assertThat(this.enrolments.start(sequence, partner.id(), T)).isTrue();
		assertThat(this.enrolments.start(sequence, partner.id(), T)).as("already running").isFalse();

		this.runner.runDue(T);
		assertThat(sent(partner)).containsExactly(keys.get(0));
		this.runner.runDue(T.plus(Duration.ofDays(1)));
		this.runner.runDue(T.plus(Duration.ofDays(3)).minusSeconds(1));
		assertThat(sent(partner)).containsExactly(keys.get(0));
		this.runner.runDue(T.plus(Duration.ofDays(3)));
		this.runner.runDue(T.plus(Duration.ofDays(3)));
		assertThat(sent(partner)).containsExactly(keys.get(0), keys.get(1));
		this.runner.runDue(T.plus(Duration.ofDays(7)));
		this.runner.runDue(T.plus(Duration.ofDays(30)));
		assertThat(sent(partner)).containsExactly(keys.get(0), keys.get(1), keys.get(2));
		assertThat(this.queries.enrolment(sequence, partner.id()).orElseThrow().state()).isEqualTo("completed");
		assertThat(subjects(partner)).containsExactly("day0 Seq", "day3 Seq", "day7 Seq");
	}

	@Test
	void aLateRunCatchesUpAndStoppingStops() {
		List<String> keys = templates("a", "b", "c");
		long sequence = this.sequences.create(unique("Seq "), true, false);
		this.sequences.addStep(sequence, 0, keys.get(0));
		this.sequences.addStep(sequence, 3, keys.get(1));
		this.sequences.addStep(sequence, 7, keys.get(2));
		PartnerSummary late = partner();
		PartnerSummary stopped = partner();
		this.enrolments.start(sequence, late.id(), T.plus(Duration.ofDays(100)));
		this.enrolments.start(sequence, stopped.id(), T.plus(Duration.ofDays(100)));
		this.runner.runDue(T.plus(Duration.ofDays(100)));
		assertThat(sent(stopped)).containsExactly(keys.get(0));
		assertThat(this.enrolments.stop(sequence, stopped.id(), T.plus(Duration.ofDays(101)))).isTrue();

		this.runner.runDue(T.plus(Duration.ofDays(120)));
		assertThat(sent(late)).containsExactly(keys.get(0), keys.get(1), keys.get(2));
		assertThat(sent(stopped)).containsExactly(keys.get(0));
		// resuming continues where it stopped, never repeating a step
		this.enrolments.start(sequence, stopped.id(), T.plus(Duration.ofDays(121)));
		this.runner.runDue(T.plus(Duration.ofDays(130)));
		assertThat(sent(stopped)).containsExactly(keys.get(0), keys.get(1), keys.get(2));
	}

	@Test
	void partnersJoinAutoEnrolSequencesWhenApproved() {
		List<String> keys = templates("welcome");
		long sequence = this.sequences.create(unique("Auto "), true, true);
		this.sequences.addStep(sequence, 0, keys.get(0));
		try {
			PartnerSummary approved = partner();
			assertThat(this.queries.enrolment(sequence, approved.id())).isPresent();
			ProgramSummary program = MailFixtures.program(this.programs, 1);
			long contact = this.contacts.create(unique("pend") + "@seq.test", "Pen", "Ding").id();
			PartnerSummary pending = this.partners
				.enroll(new Enrollment(contact, program.id(), null, PartnerStatus.PENDING, null, null, null));
			assertThat(this.queries.enrolment(sequence, pending.id())).isEmpty();
			this.partners.changeStatus(pending.id(), PartnerStatus.APPROVED);
			assertThat(this.queries.enrolment(sequence, pending.id())).isPresent();
			this.partners.changeStatus(pending.id(), PartnerStatus.SUSPENDED);
			this.partners.changeStatus(pending.id(), PartnerStatus.APPROVED);
			assertThat(count("select count(*) from automation_enrolment where partner_id = " + pending.id()))
				.isEqualTo(1);
		}
		finally {
			this.sequences.update(sequence, this.sequences.get(sequence).name(), false, false);
		}
	}

	@Test
	void theConsoleDefinesStepsAndStartsAndStopsForAPartner() throws Exception {
		String key = templates("console").get(0);
		String name = unique("Console ");
		this.mvc
			.perform(post("/admin/sequences").param("name", name).param("active", "true").with(admin()).with(csrf()))
			.andExpect(status().is3xxRedirection());
		long id = this.sequences.findSequence(name).orElseThrow();
		this.mvc
			.perform(post("/admin/sequences/{id}/steps", id).param("day", "2")
				.param("templateKey", key)
				.with(admin())
				.with(csrf()))
			.andExpect(status().is3xxRedirection());
		this.mvc
			.perform(post("/admin/sequences/{id}/steps", id).param("day", "-1")
				.param("templateKey", key)
				.with(admin())
				.with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(this.sequences.steps(id)).hasSize(1);
		PartnerSummary partner = partner();
		this.mvc
			.perform(post("/admin/sequences/{id}/enrolments", id).param("partner", partner.code())
				.with(admin())
				.with(csrf()))
			.andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/admin/sequences/{id}", id).with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(partner.code())))
			.andExpect(content().string(containsString("running")));
		this.mvc.perform(get("/admin/sequences/{id}/enrolments.csv", id).with(admin()))
			.andExpect(content().string(containsString(partner.code())));
		this.mvc.perform(post("/admin/sequences/{id}/enrolments/{p}/stop", id, partner.id()).with(admin()).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(this.queries.enrolment(id, partner.id()).orElseThrow().state()).isEqualTo("stopped");
		this.mvc.perform(get("/admin/sequences").with(admin())).andExpect(content().string(containsString(name)));
	}

	@Test
	void editingTheStepsKeepsEnrolledPartnersOnTheirNextStep() {
		List<String> keys = templates("a", "b", "c", "new");
		long sequence = this.sequences.create(unique("Edit "), true, false);
		long first = this.sequences.addStep(sequence, 0, keys.get(0));
		this.sequences.addStep(sequence, 3, keys.get(1));
		this.sequences.addStep(sequence, 7, keys.get(2));
		PartnerSummary early = partner(); // got step a, waits for b
		PartnerSummary further = partner(); // got a and b, waits for c
		this.enrolments.start(sequence, early.id(), T);
		this.enrolments.start(sequence, further.id(), T.minus(Duration.ofDays(4)));
		this.runner.runDue(T);
		assertThat(sent(early)).containsExactly(keys.get(0));
		assertThat(sent(further)).containsExactly(keys.get(0), keys.get(1));

		// the step both were sent is removed: each still gets the step it waits for
		this.sequences.removeStep(sequence, first);
		assertThat(this.queries.enrolment(sequence, early.id()).orElseThrow().nextDueAt())
			.isEqualTo(T.plus(Duration.ofDays(3)));
		assertThat(this.queries.enrolment(sequence, further.id()).orElseThrow().nextDueAt())
			.isEqualTo(T.plus(Duration.ofDays(3)));
		// a new step on day 5 comes after b: the one who waits for c gets it first
		this.sequences.addStep(sequence, 5, keys.get(3));
		this.runner.runDue(T.plus(Duration.ofDays(3)));
		assertThat(sent(early)).containsExactly(keys.get(0), keys.get(1));
		assertThat(sent(further)).containsExactly(keys.get(0), keys.get(1), keys.get(3), keys.get(2));
		this.runner.runDue(T.plus(Duration.ofDays(30)));
		assertThat(sent(early)).containsExactly(keys.get(0), keys.get(1), keys.get(3), keys.get(2));
		assertThat(sent(further)).containsExactly(keys.get(0), keys.get(1), keys.get(3), keys.get(2));
		assertThat(this.queries.enrolment(sequence, early.id()).orElseThrow().state()).isEqualTo("completed");
		assertThat(this.queries.enrolment(sequence, further.id()).orElseThrow().state()).isEqualTo("completed");
	}

	@Test
	void stepsRoundTripInOrderAndKeepTheirIds() {
		List<String> keys = templates("x", "y", "z");
		long sequence = this.sequences.create(unique("Round "), false, true);
		long day7 = this.sequences.addStep(sequence, 7, keys.get(2));
		long day0 = this.sequences.addStep(sequence, 0, keys.get(0));
		long day3 = this.sequences.addStep(sequence, 3, keys.get(1));
		long alsoDay0 = this.sequences.addStep(sequence, 0, keys.get(1));
		assertThat(this.sequences.steps(sequence)).extracting(Sequences.Step::id)
			.containsExactly(day0, alsoDay0, day3, day7);
		assertThat(this.sequences.steps(sequence)).extracting(Sequences.Step::day).containsExactly(0, 0, 3, 7);
		assertThat(this.sequences.steps(sequence)).extracting(Sequences.Step::templateKey)
			.containsExactly(keys.get(0), keys.get(1), keys.get(1), keys.get(2));
		assertThat(this.jdbc.sql("select position from automation_sequence_step where sequence_id = :s order by id")
			.param("s", sequence)
			.query(Integer.class)
			.list()).containsExactly(3, 0, 2, 1);
		Sequences.Sequence stored = this.sequences.get(sequence);
		assertThat(stored.active()).isFalse();
		assertThat(stored.enrolOnApproval()).isTrue();
		assertThat(stored.optInProgramId()).isNull();
		assertThat(stored.running()).isZero();
		assertThat(stored.version()).isEqualTo(4); // one save per step
		// a settings change writes the steps again, each with its id
		this.sequences.update(sequence, stored.name(), true, false);
		assertThat(this.sequences.steps(sequence)).extracting(Sequences.Step::id)
			.containsExactly(day0, alsoDay0, day3, day7);
		assertThat(this.sequences.get(sequence).version()).isEqualTo(5);
	}

	@Test
	void aSaveOverAnotherAdminsChangeAnswers409AndKeepsWhatWasTyped() throws Exception {
		String key = templates("stale").get(0);
		long id = this.sequences.create(unique("Stale "), true, false);
		Sequences.Sequence loaded = this.sequences.get(id);
		this.mvc.perform(get("/admin/sequences/{id}", id).with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("name=\"version\" value=\"" + loaded.version() + "\"")));
		// another admin saves in between
		this.sequences.addStep(id, 0, key);
		this.mvc
			.perform(post("/admin/sequences/{id}", id).param("name", "Mine typed " + id)
				.param("version", String.valueOf(loaded.version()))
				.with(admin())
				.with(csrf()))
			.andExpect(status().isConflict())
			.andExpect(content().string(containsString("Someone else saved this sequence meanwhile")))
			.andExpect(content().string(containsString("value=\"Mine typed " + id + "\"")));
		assertThat(this.sequences.get(id).name()).isEqualTo(loaded.name());
		assertThat(this.sequences.get(id).active()).isTrue();
		// a step added from the stale page is refused too, keeping its day
		this.mvc
			.perform(post("/admin/sequences/{id}/steps", id).param("day", "42")
				.param("templateKey", key)
				.param("version", String.valueOf(loaded.version()))
				.with(admin())
				.with(csrf()))
			.andExpect(status().isConflict())
			.andExpect(content().string(containsString("Someone else saved this sequence meanwhile")))
			.andExpect(content().string(containsString("value=\"42\"")));
		assertThat(this.sequences.steps(id)).hasSize(1);
		// with the current version the save goes through
		this.mvc
			.perform(post("/admin/sequences/{id}", id).param("name", "Mine typed " + id)
				.param("version", String.valueOf(this.sequences.get(id).version()))
				.with(admin())
				.with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(this.sequences.get(id).name()).isEqualTo("Mine typed " + id);
		assertThat(this.sequences.get(id).active()).isFalse();
	}

	private List<String> templates(String... names) {
		String suffix = unique("-");
		return java.util.Arrays.stream(names)
			.map(n -> this.templates.create(n + suffix, n, n + " Seq", "Hello {{firstName}}, " + n).key())
			.toList();
	}

	private PartnerSummary partner() {
		return MailFixtures.partner(this.contacts, this.partners, MailFixtures.program(this.programs, 1), "Sequin");
	}

	private List<String> sent(PartnerSummary partner) {
		return this.jdbc.sql(
				"select template_key from mail_message where partner_id = :p and dedupe_key like 'sequence:%' order by id")
			.param("p", partner.id())
			.query(String.class)
			.list();
	}

	private List<String> subjects(PartnerSummary partner) {
		return this.jdbc
			.sql("select subject from mail_message where partner_id = :p and dedupe_key like 'sequence:%' order by id")
			.param("p", partner.id())
			.query(String.class)
			.list();
	}

	private long count(String sql) {
		return this.jdbc.sql(sql).query(Long.class).single();
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor admin() {
		return user("admin@test.local").roles("ADMIN");
	}

}
