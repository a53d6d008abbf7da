package dev.partnerhub.broadcasts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import dev.partnerhub.IntegrationTest;
import dev.partnerhub.broadcasts.domain.Broadcast;
import dev.partnerhub.broadcasts.domain.BroadcastService;
import dev.partnerhub.jobs.JobApi;
import dev.partnerhub.mail.MailApi;
import dev.partnerhub.mail.MailCategory;
import dev.partnerhub.mail.MailFixtures;
import dev.partnerhub.mail.Mailbox;
import dev.partnerhub.mail.PartnerMailFixture;
import dev.partnerhub.mail.domain.MailDelivery;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Announcements through the API, delivered to GreenMail: one e-mail per recipient with
 * his merge fields and the unsubscribe headers, unsubscribed partners skipped, and a send
 * job that runs again after a crash sends nobody twice.
 */
@IntegrationTest
class BroadcastTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	MailDelivery delivery;

	@Autowired
	MailApi mail;

	@Autowired
	BroadcastService broadcasts;

	@Autowired
	JobApi jobs;

	@Autowired
	PartnerService partners;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate tx;

	@RegisterExtension
	final PartnerMailFixture fixture = new PartnerMailFixture();

	@Test
	void aProgramsApprovedPartnersGetOneEMailEachAndTheUnsubscribedOneIsSkipped() throws Exception {
		ProgramSummary program = this.fixture.program(1);
		PartnerSummary ann = this.fixture.partner(program, "Ann");
		PartnerSummary bob = this.fixture.partner(program, "Bob");
		PartnerSummary out = this.fixture.partner(program, "Out");
		PartnerSummary pending = this.fixture.partner(program, "Pen");
		this.partners.changeStatus(pending.id(), PartnerStatus.PENDING);
		this.tx
			.executeWithoutResult(s -> this.mail.setPreferences(out.id(), Map.of(MailCategory.ANNOUNCEMENTS, false)));

		long id = create("""
				{"subject": "New partner center, {{firstName}}",
				 "body": "Hello {{firstName}}, your code {{code}} stays. Log in: {{partnerCenterUrl}}",
				 "audience": {"program": "%s"}}""".formatted(program.name()), 3);
		awaitDone(id);
		this.delivery.deliverDue(Instant.now());

		for (PartnerSummary partner : List.of(ann, bob)) {
			List<MimeMessage> received = this.fixture.received(partner);
			assertThat(received).hasSize(1);
			String first = partner == ann ? "Ann" : "Bob";
			assertThat(Mailbox.subject(received.get(0))).isEqualTo("New partner center, " + first);
			assertThat(Mailbox.body(received.get(0))).contains("Hello " + first + ", your code " + partner.code(),
					"Log in: http://localhost:8080/partner", "/mail/unsubscribe/" + partner.id() + ".announcements.");
			assertThat(received.get(0).getHeader("List-Unsubscribe", null))
				.startsWith("<http://localhost:8080/mail/unsubscribe/" + partner.id() + ".announcements.");
			assertThat(received.get(0).getHeader("List-Unsubscribe-Post", null))
				.isEqualTo("List-Unsubscribe=One-Click");
		}
		assertThat(this.fixture.received(out)).isEmpty();
		assertThat(this.fixture.received(pending)).isEmpty();
		this.fixture.api(get("/api/v1/broadcasts/" + id))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("done"))
			.andExpect(jsonPath("$.recipients").value(3))
			.andExpect(jsonPath("$.sent").value(2))
			.andExpect(jsonPath("$.failed").value(0))
			.andExpect(jsonPath("$.skipped").value(1));
	}

	@Test
	void aSendJobRunAgainAfterACrashMidWaySendsNobodyTwice() throws Exception {
		ProgramSummary program = this.fixture.program(1);
		List<PartnerSummary> recipients = new java.util.ArrayList<>();
		for (int i = 0; i < 5; i++) {
			recipients.add(this.fixture.partner(program, "Kim" + i));
		}
		long id = create("""
				{"subject": "Hello", "body": "Hi {{firstName}}", "audience": {"program": "%s"}}"""
			.formatted(program.name()), 5);
		awaitDone(id);
		// half of the e-mails left before the app was killed
		this.delivery.deliverDue(Instant.now());
		Broadcast broadcast = this.broadcasts.get(id);
		long jobId = broadcast.jobId();

		// The kill: the chunk's marks and the job's cursor are lost (the worst case: as
		// if
		// the chunk had not committed), some recipients are marked and some not, and the
		// job is left running from the start.
		this.jdbc.sql("""
				update broadcast_recipient set status = 'pending'
				where broadcast_id = :id and partner_id in (:a, :b, :c)
				""")
			.param("id", id)
			.param("a", recipients.get(0).id())
			.param("b", recipients.get(2).id())
			.param("c", recipients.get(4).id())
			.update();
		this.jdbc.sql("update broadcast set status = 'sending' where id = :id").param("id", id).update();
		this.jdbc.sql("""
				update job set status = 'queued', cursor = null, done = 0, finished_at = null where id = :job
				""").param("job", jobId).update();

		assertThat(this.jobs.run(jobId)).isTrue(); // the resumed job
		assertThat(this.broadcasts.get(id).status()).isEqualTo("done");
		this.delivery.deliverDue(Instant.now());
		this.delivery.deliverDue(Instant.now().plusSeconds(3600));

		for (PartnerSummary partner : recipients) {
			assertThat(this.fixture.received(partner)).as("e-mails to %s", partner.code()).hasSize(1);
		}
		assertThat(this.broadcasts.counts(id)).containsEntry("sent", 5L).containsEntry("waiting", 0L);
	}

	@Test
	void aGroupAudienceGetsItsApprovedPartnersOnly() throws Exception {
		ProgramSummary program = this.fixture.program(1);
		ProgramSummary other = this.fixture.program(1);
		PartnerSummary in = this.fixture.partner(program, "Gil");
		PartnerSummary notIn = this.fixture.partner(other, "Nil");
		MvcResult group = this.fixture
			.api(post("/api/v1/groups").contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"name": "%s", "filter": {"match": "all", "conditions": [
						  {"field": "program", "op": "eq", "value": "%s"}]}}""".formatted(MailFixtures.unique("Group "),
						program.name())))
			.andExpect(status().isCreated())
			.andReturn();
		long groupId = ((Number) JsonPath.read(group.getResponse().getContentAsString(), "$.id")).longValue();

		long id = create("""
				{"subject": "Group news", "body": "Hi {{firstName}}", "audience": {"group": %d}}""".formatted(groupId),
				1);
		awaitDone(id);
		this.delivery.deliverDue(Instant.now());
		assertThat(this.fixture.received(in)).hasSize(1);
		assertThat(this.fixture.received(notIn)).isEmpty();
	}

	@Test
	void badInputIsAProblemAndNothingIsSent() throws Exception {
		// an empty program: should a bad message get through, it reaches nobody (shared
		// database)
		String empty = ", \"audience\": {\"program\": \"" + this.fixture.program(1).name() + "\"}}";
		long before = this.jdbc.sql("select count(*) from broadcast").query(Long.class).single();
		String[] bad = { "{\"subject\": \"Hi\", \"body\": \"Hello [[${firstName.toUpperCase()}]]\"" + empty,
				"{\"subject\": \"Hi\", \"body\": \"Hello [[${referralLink.foo}]]\"" + empty,
				"{\"subject\": \"Hi {{noSuchField}}\", \"body\": \"Hello\"" + empty,
				"{\"subject\": \"Hi\", \"body\": \"Hello [# th:if=\\\"${nope}\\\"]x[/]\"" + empty,
				"{\"subject\": \" \", \"body\": \"Hello\"" + empty, "{\"subject\": \"Hi\", \"body\": \"\"" + empty,
				"{\"subject\": \"Hi\", \"body\": \"Hello\", \"audience\": {\"program\": \"No such program 9f3\"}}",
				"{\"subject\": \"Hi\", \"body\": \"Hello\", \"audience\": {\"group\": 987654321}}" };
		for (String json : bad) {
			this.fixture.api(post("/api/v1/broadcasts").contentType(MediaType.APPLICATION_JSON).content(json))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		}
		this.fixture
			.api(post("/api/v1/broadcasts").contentType(MediaType.APPLICATION_JSON)
				.content("{\"subject\": \"Hi\", \"body\": \"x\", \"colour\": \"red\"" + empty))
			.andExpect(status().isBadRequest());
		this.fixture.api(post("/api/v1/broadcasts").contentType(MediaType.APPLICATION_JSON).content("{not json"))
			.andExpect(status().isBadRequest());
		this.mvc
			.perform(post("/api/v1/broadcasts").contentType(MediaType.APPLICATION_JSON)
				.content("{\"subject\": \"Hi\", \"body\": \"x\"" + empty))
			.andExpect(status().isUnauthorized());
		this.fixture.api(get("/api/v1/broadcasts/987654321")).andExpect(status().isNotFound());
		assertThat(this.jdbc.sql("select count(*) from broadcast").query(Long.class).single()).isEqualTo(before);
		this.fixture
			.api(post("/api/v1/broadcasts").contentType(MediaType.APPLICATION_JSON)
				.content("{\"subject\": \"Hi {{noSuchField}}\", \"body\": \"x\"" + empty))
			.andExpect(content().string(containsString("Line 1: unknown merge field {{noSuchField}}")));
	}

	/**
	 * Issue 20: one merge syntax. A typo, the old syntax, single or unbalanced braces are
	 * a problem naming the field and what to write; nothing is stored.
	 */
	@Test
	void anUnknownOrMalformedMergeFieldIsAProblemSayingWhatToWrite() throws Exception {
		String empty = ", \"audience\": {\"program\": \"" + this.fixture.program(1).name() + "\"}}";
		long before = this.jdbc.sql("select count(*) from broadcast").query(Long.class).single();
		Map<String, String> cases = new java.util.LinkedHashMap<>();
		cases.put("Hi {{firstNme}}", "Line 1: unknown merge field {{firstNme}}: did you mean {{firstName}}?");
		cases.put("Your link: {referralLink}",
				"\\\"{referralLink}\\\" is not a merge field: write {{referralLink}} (two braces on each side).");
		cases.put("Your link: {{ referralLink }", "is not closed: write {{referralLink}}.");
		cases.put("Hi [[${firstName}]]", "is the old merge syntax: write {{firstName}}.");
		cases.put("Hi [[${T(java.lang.Runtime).getRuntime().exec('id')}]]", "is the old merge syntax");
		for (Map.Entry<String, String> c : cases.entrySet()) {
			this.fixture
				.api(post("/api/v1/broadcasts").contentType(MediaType.APPLICATION_JSON)
					.content("{\"subject\": \"Hi\", \"body\": \"" + c.getKey().replace("\"", "\\\"") + "\"" + empty))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
				.andExpect(content().string(containsString(c.getValue())));
		}
		assertThat(this.jdbc.sql("select count(*) from broadcast").query(Long.class).single()).isEqualTo(before);
	}

	private long create(String json, int recipients) throws Exception {
		MvcResult result = this.fixture
			.api(post("/api/v1/broadcasts").contentType(MediaType.APPLICATION_JSON).content(json))
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.recipients").value(recipients))
			.andReturn();
		return ((Number) JsonPath.read(result.getResponse().getContentAsString(), "$.id")).longValue();
	}

	private void awaitDone(long id) {
		Awaitility.await("broadcast " + id + " queued")
			.atMost(Duration.ofSeconds(30))
			.until(() -> "done".equals(this.broadcasts.get(id).status()));
	}

}
