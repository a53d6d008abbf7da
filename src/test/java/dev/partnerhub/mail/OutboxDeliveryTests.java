package dev.partnerhub.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.mail.domain.MailDelivery;
import dev.partnerhub.mail.domain.MailTemplates;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.domain.ProgramService;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.partnerhub.mail.MailFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.hamcrest.Matchers.containsString;

/**
 * The outbox delivered to a real SMTP server (GreenMail), started and stopped by each
 * test so that "SMTP down" is real too. Times are explicit: {@code deliverDue(now)}.
 */
@IntegrationTest
class OutboxDeliveryTests {

	@Autowired
	MailApi mail;

	@Autowired
	MailDelivery delivery;

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
	TransactionTemplate tx;

	@Autowired
	MockMvc mvc;

	GreenMail greenMail;

	@AfterEach
	void stopSmtp() {
		if (this.greenMail != null) {
			this.greenMail.stop();
		}
	}

	void startSmtp() {
		this.greenMail = new GreenMail(new ServerSetup(IntegrationTest.SMTP_PORT, "127.0.0.1", "smtp"));
		this.greenMail.start();
	}

	@Test
	void aQueuedTemplateArrivesWithThePartnersMergeValues() {
		startSmtp();
		ProgramSummary program = MailFixtures.program(this.programs, 1);
		PartnerSummary partner = MailFixtures.partner(this.contacts, this.partners, program, "Greta");
		String key = unique("t-");
		this.templates.create(key, "Test", "Hi {{firstName}} from {{programName}}",
				"Code {{code}}, link {{referralLink}}, pending {{pendingTotal}}, extra {{change}}.");
		String to = MailFixtures.email(this.contacts, partner);

		boolean queued = this.tx.execute(s -> this.mail
			.queue(MailRequest.of(key, to).forPartner(partner.id()).with("change", "<b>x</b>").dedupe("test:" + key)));
		assertThat(queued).isTrue();
		Boolean again = this.tx
			.execute(s -> this.mail.queue(MailRequest.of(key, to).forPartner(partner.id()).dedupe("test:" + key)));
		assertThat(again).as("same dedupe key queues nothing").isFalse();
		assertThat(statusOf(to)).isEqualTo("queued");

		this.delivery.deliverDue(Instant.now());

		List<MimeMessage> received = Mailbox.to(this.greenMail, to);
		assertThat(received).hasSize(1);
		assertThat(Mailbox.subject(received.get(0))).isEqualTo("Hi Greta from " + program.name());
		assertThat(Mailbox.body(received.get(0))).contains("Code " + partner.code(),
				"link http://localhost:8080/r/" + partner.code(), "pending 0.00", "extra <b>x</b>.");
		assertThat(statusOf(to)).isEqualTo("sent");
		this.delivery.deliverDue(Instant.now().plusSeconds(3600));
		assertThat(Mailbox.to(this.greenMail, to)).as("sent once").hasSize(1);
	}

	@Test
	void smtpDownRetriesWithBackoffThenFailsVisiblyAndResendDeliversOnceItIsBack() throws Exception {
		String to = unique("down") + "@mail.test";
		this.tx.executeWithoutResult(
				s -> this.mail.queue(MailRequest.of("password-reset", to).with("link", "http://x/y")));
		long id = idOf(to);
		// One millisecond ahead: the message was queued with a microsecond timestamp that
		// truncating "now" to
		// milliseconds could put just after t (then it was not yet due and the first
		// attempt never happened).
		Instant t = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).plusMillis(1);
		List<Duration> expected = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30),
				Duration.ofHours(2));
		for (int attempt = 1; attempt <= 4; attempt++) {
			this.delivery.deliverDue(t);
			Row row = row(id);
			assertThat(row.status()).isEqualTo("queued");
			assertThat(row.attempts()).isEqualTo(attempt);
			assertThat(row.nextAttemptAt()).isEqualTo(t.plus(expected.get(attempt - 1)));
			assertThat(row.lastError()).isNotBlank();
			this.delivery.deliverDue(t.plus(expected.get(attempt - 1)).minusSeconds(1));
			assertThat(row(id).attempts()).as("not retried before its time").isEqualTo(attempt);
			t = t.plus(expected.get(attempt - 1));
		}
		this.delivery.deliverDue(t);
		assertThat(row(id).status()).isEqualTo("failed");
		assertThat(row(id).attempts()).isEqualTo(5);

		this.mvc.perform(get("/admin/outbox/{id}", id).with(user("admin").roles("ADMIN")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Last error")))
			.andExpect(content().string(containsString("failed")));
		this.mvc
			.perform(get("/admin/outbox").param("status", "failed").param("to", to).with(user("admin").roles("ADMIN")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(to)));

		startSmtp();
		this.mvc.perform(post("/admin/outbox/{id}/resend", id).with(user("admin").roles("ADMIN")).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(row(id).status()).isEqualTo("queued");
		this.delivery.deliverDue(Instant.now());
		assertThat(row(id).status()).isEqualTo("sent");
		assertThat(Mailbox.to(this.greenMail, to)).hasSize(1);
		assertThat(Mailbox.body(Mailbox.to(this.greenMail, to).get(0))).contains("http://x/y");
	}

	@Test
	void twoConcurrentSendersNeverSendAMessageTwice() throws Exception {
		startSmtp();
		String batch = unique("race");
		List<String> recipients = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			String to = batch + "-" + i + "@mail.test";
			recipients.add(to);
			this.tx.executeWithoutResult(
					s -> this.mail.queue(MailRequest.of("password-reset", to).with("link", "http://x")));
		}
		ExecutorService pool = Executors.newFixedThreadPool(2);
		CountDownLatch start = new CountDownLatch(1);
		Instant now = Instant.now();
		List<Future<Integer>> results = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			results.add(pool.submit(() -> {
				start.await();
				return this.delivery.deliverDue(now);
			}));
		}
		start.countDown();
		for (Future<Integer> result : results) {
			result.get();
		}
		pool.shutdown();
		for (String to : recipients) {
			assertThat(Mailbox.to(this.greenMail, to)).as(to).hasSize(1);
			assertThat(statusOf(to)).isEqualTo("sent");
		}
	}

	@Test
	void resendOfASentMessageQueuesACopyAndTheOutboxListsAndExports() throws Exception {
		startSmtp();
		String to = unique("copy") + "@mail.test";
		this.tx
			.executeWithoutResult(s -> this.mail.queue(MailRequest.of("password-reset", to).with("link", "http://x")));
		long id = idOf(to);
		this.delivery.deliverDue(Instant.now());
		this.mvc.perform(post("/admin/outbox/{id}/resend", id).with(user("admin").roles("ADMIN")).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(this.jdbc.sql("select count(*) from mail_message where to_address = :to")
			.param("to", to)
			.query(Long.class)
			.single()).isEqualTo(2);
		this.delivery.deliverDue(Instant.now());
		assertThat(Mailbox.to(this.greenMail, to)).hasSize(2);
		this.mvc.perform(get("/admin/outbox.csv").param("to", to).with(user("admin").roles("ADMIN")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(to)));
		this.mvc
			.perform(get("/admin/outbox").param("sort", "attempts,desc")
				.param("page", "x")
				.with(user("admin").roles("ADMIN")))
			.andExpect(status().isOk());
		this.mvc.perform(post("/admin/outbox/{id}/resend", id).with(user("admin").roles("ADMIN")))
			.andExpect(status().isForbidden());
	}

	@Test
	void withoutAWorkingTemplateTheMessageIsKeptAsFailedNotLost() {
		String key = unique("broken-");
		// saved directly: the editor would refuse it
		this.jdbc
			.sql("insert into mail_template (template_key, name, subject, body) values (:k, 'b', 's', '[[${a.b.c}]]')")
			.param("k", key)
			.update();
		String to = unique("broken") + "@mail.test";
		this.tx.executeWithoutResult(s -> this.mail.queue(MailRequest.of(key, to)));
		assertThat(row(idOf(to)).status()).isEqualTo("failed");
		assertThat(row(idOf(to)).lastError()).contains("could not be rendered");
	}

	private String statusOf(String to) {
		return this.jdbc.sql("select status from mail_message where to_address = :to")
			.param("to", to)
			.query(String.class)
			.single();
	}

	private long idOf(String to) {
		return this.jdbc.sql("select id from mail_message where to_address = :to")
			.param("to", to)
			.query(Long.class)
			.single();
	}

	private Row row(long id) {
		return this.jdbc.sql("select status, attempts, next_attempt_at, last_error from mail_message where id = :id")
			.param("id", id)
			.query((rs, n) -> new Row(rs.getString(1), rs.getInt(2), rs.getTimestamp(3).toInstant(), rs.getString(4)))
			.single();
	}

	record Row(String status, int attempts, Instant nextAttemptAt, String lastError) {
	}

}
