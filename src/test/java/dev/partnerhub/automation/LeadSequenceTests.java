package dev.partnerhub.automation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.partnerhub.IntegrationTest;
import dev.partnerhub.MutableClock;
import dev.partnerhub.tracking.OptInLinks;
import dev.partnerhub.automation.domain.SequenceRunner;
import dev.partnerhub.automation.domain.EnrolmentQueries;
import dev.partnerhub.automation.domain.SequenceEnrolments;
import dev.partnerhub.automation.domain.Sequences;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.mail.MailFixtures;
import dev.partnerhub.mail.Mailbox;
import dev.partnerhub.mail.TemplateImport;
import dev.partnerhub.mail.domain.MailDelivery;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.domain.ProgramService;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static dev.partnerhub.mail.MailFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Issue 17, launch e-mails to leads: a sequence with the trigger "contact opted in"
 * enrols contacts who opt in through {@code /join} for its program; they get the day-N
 * steps (read from GreenMail), each with an unsubscribe link after which nothing more
 * comes.
 */
@IntegrationTest
class LeadSequenceTests {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(
			new ServerSetup(IntegrationTest.SMTP_PORT, "127.0.0.1", "smtp"));

	@Autowired
	MockMvc mvc;

	@Autowired
	ProgramService programService;

	@Autowired
	ProgramApi programs;

	@Autowired
	Sequences sequences;

	@Autowired
	SequenceEnrolments enrolments;

	@Autowired
	EnrolmentQueries queries;

	@Autowired
	SequenceRunner runner;

	@Autowired
	TemplateImport templates;

	@Autowired
	ContactApi contacts;

	@Autowired
	MailDelivery delivery;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Test
	void anOptedInContactGetsStepOneAndAnUnsubscribedOneNothingMore() throws Exception {
		ProgramSummary program = MailFixtures.program(this.programService, 1);
		ProgramSummary other = MailFixtures.program(this.programService, 1);
		long sequence = launchSequence(program);
		String ann = unique("ann") + "@lead.test";
		String bob = unique("bob") + "@lead.test";
		String cid = unique("cid") + "@lead.test";

		optIn(program, ann, "Ann");
		optIn(program, bob, "Bob");
		optIn(other, cid, "Cid");
		awaitEnrolled(sequence, ann);
		awaitEnrolled(sequence, bob);
		// the same address opting in again (an hour later: one confirmation e-mail an
		// hour) is not enrolled twice
		this.clock.advance(Duration.ofMinutes(61));
		optIn(program, ann, "Ann");

		Instant start = Instant.now();
		this.runner.runDue(start.plusSeconds(5));
		List<MimeMessage> annMail = delivered(ann);
		assertThat(annMail).hasSize(1);
		assertThat(Mailbox.subject(annMail.get(0))).isEqualTo("Welcome to the launch list, Ann");
		assertThat(Mailbox.body(annMail.get(0))).contains("Hello Ann", "/join/unsubscribe?token=");
		// a launch e-mail is not transactional: one-click unsubscribe headers (RFC 8058)
		assertThat(annMail.get(0).getHeader("List-Unsubscribe", null))
			.startsWith("<http://localhost:8080/join/unsubscribe?token=");
		assertThat(annMail.get(0).getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
		List<MimeMessage> bobMail = delivered(bob);
		assertThat(bobMail).hasSize(1);
		assertThat(delivered(cid)).isEmpty();
		// a second run at the same time sends nothing again
		this.runner.runDue(start.plusSeconds(5));
		assertThat(delivered(ann)).hasSize(1);

		// Bob unsubscribes: the GET only asks, the POST stops his enrolment
		String link = Mailbox.link(bobMail.get(0), "/join/unsubscribe");
		String token = link.substring(link.indexOf("token=") + 6);
		this.mvc.perform(get("/join/unsubscribe").param("token", token))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Stop the e-mails")));
		// as a mail client posts it: the header's URL, no CSRF token
		this.mvc
			.perform(post("/join/unsubscribe?token=" + token)
				.contentType(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED)
				.content("List-Unsubscribe=One-Click"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("You are unsubscribed")));
		this.mvc.perform(post("/join/unsubscribe").param("token", token).with(csrf())).andExpect(status().isNotFound());
		this.mvc.perform(post("/join/unsubscribe").param("token", "not-a-token").with(csrf()))
			.andExpect(status().isNotFound());

		// day 3 and day 7: Ann gets both later steps, Bob nothing more
		this.runner.runDue(start.plus(Duration.ofDays(8)));
		assertThat(delivered(ann)).hasSize(3);
		assertThat(delivered(bob)).hasSize(1);
		this.mvc.perform(get("/admin/sequences/{id}", sequence).with(user("admin@test.local").roles("ADMIN")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(bob + " (lead)")))
			.andExpect(content().string(containsString("unsubscribed")))
			.andExpect(content().string(containsString("completed")));
	}

	@Test
	void theSequencePageSetsTheOptInTrigger() throws Exception {
		ProgramSummary program = MailFixtures.program(this.programService, 1);
		long sequence = this.sequences.create(unique("Leads "), true, false);
		this.mvc
			.perform(post("/admin/sequences/{id}", sequence).param("name", unique("Leads "))
				.param("active", "true")
				.param("optInProgram", "" + program.id())
				.with(csrf())
				.with(user("admin@test.local").roles("ADMIN")))
			.andExpect(status().is3xxRedirection());
		assertThat(this.sequences.get(sequence).optInProgramId()).isEqualTo(program.id());
		this.mvc
			.perform(post("/admin/sequences/{id}", sequence).param("name", unique("Leads "))
				.param("optInProgram", "999999999")
				.with(csrf())
				.with(user("admin@test.local").roles("ADMIN")))
			.andExpect(status().is3xxRedirection());
		assertThat(this.sequences.get(sequence).optInProgramId()).isEqualTo(program.id());
	}

	private long launchSequence(ProgramSummary program) {
		String key = unique("launch-");
		this.templates.importTemplate(key + "-1", "Launch 1", "Welcome to the launch list, {{firstName}}",
				"Hello {{firstName}}, you are on the list.\nUnsubscribe: {{unsubscribeLink}}\n");
		this.templates.importTemplate(key + "-2", "Launch 2", "Preview", "Preview for {{firstName}}.\n");
		this.templates.importTemplate(key + "-3", "Launch 3", "Open", "We are open, {{firstName}}.\n");
		long sequence = this.sequences.create(unique("Launch "), true, false, program.id());
		this.sequences.addStep(sequence, 0, key + "-1");
		this.sequences.addStep(sequence, 3, key + "-2");
		this.sequences.addStep(sequence, 7, key + "-3");
		return sequence;
	}

	/** The form and the confirmation of its e-mail (double opt-in). */
	private void optIn(ProgramSummary program, String email, String firstName) throws Exception {
		postForm(program, email, firstName);
		String token = OptInLinks.latestToken(this.jdbc, email).orElseThrow();
		this.mvc.perform(post("/join/confirm/{token}", token).with(csrf())).andExpect(status().isOk());
	}

	private void postForm(ProgramSummary program, String email, String firstName) throws Exception {
		this.mvc
			.perform(post("/join").param("email", email)
				.param("firstName", firstName)
				.param("program", this.programs.slugOf(program.id()).orElseThrow()))
			.andExpect(status().isOk());
	}

	@Test
	void anUnconfirmedOptInEnrolsNobodyAndTheConfirmationDoes() throws Exception {
		ProgramSummary program = MailFixtures.program(this.programService, 1);
		long sequence = launchSequence(program);
		String dan = unique("dan") + "@lead.test";
		postForm(program, dan, "Dan");
		// only the confirmation e-mail: no contact, so no enrolment and no launch e-mail
		assertThat(this.contacts.findByEmail(dan)).isEmpty();
		String token = OptInLinks.latestToken(this.jdbc, dan).orElseThrow();
		// the link's GET (what a mail scanner follows) only shows the button
		this.mvc.perform(get("/join/confirm/{token}", token))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Confirm sign-up")));
		assertThat(this.contacts.findByEmail(dan)).isEmpty();
		// the POST needs our CSRF token
		this.mvc.perform(post("/join/confirm/{token}", token)).andExpect(status().isForbidden());
		assertThat(this.contacts.findByEmail(dan)).isEmpty();
		this.mvc.perform(post("/join/confirm/{token}", token).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("You are signed up")));
		awaitEnrolled(sequence, dan);
		// single use
		this.mvc.perform(post("/join/confirm/{token}", token).with(csrf())).andExpect(status().isNotFound());
	}

	private void awaitEnrolled(long sequence, String email) {
		long contact = this.contacts.findByEmail(email).orElseThrow().id();
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.queries.enrolments(sequence, org.springframework.data.domain.PageRequest.of(0, 100))
				.stream()
				.anyMatch(e -> Long.valueOf(contact).equals(e.contactId())));
	}

	/** The sequence's e-mails (not the opt-in confirmation). */
	private List<MimeMessage> delivered(String email) {
		this.delivery.deliverDue(Instant.now().plus(Duration.ofDays(9)));
		return Mailbox.to(greenMail, email)
			.stream()
			.filter(m -> !Mailbox.subject(m).startsWith("Please confirm your sign-up"))
			.toList();
	}

}
