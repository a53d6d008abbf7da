package dev.partnerhub.broadcasts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.MutableClock;
import dev.partnerhub.broadcasts.domain.Broadcast;
import dev.partnerhub.broadcasts.domain.BroadcastService;
import dev.partnerhub.mail.MailFixtures;
import dev.partnerhub.mail.Mailbox;
import dev.partnerhub.mail.PartnerMailFixture;
import dev.partnerhub.mail.domain.MailDelivery;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.programs.ProgramSummary;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The console's announcement editor: template start, preview, test, send, schedule. */
@IntegrationTest
class BroadcastConsoleTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	MailDelivery delivery;

	@Autowired
	BroadcastService broadcasts;

	@Autowired
	MutableClock clock;

	@RegisterExtension
	final PartnerMailFixture fixture = new PartnerMailFixture();

	@Test
	void anAdminStartsFromTheNewCredentialsTemplatePreviewsTestsAndSends() throws Exception {
		ProgramSummary program = this.fixture.program(1);
		PartnerSummary first = this.fixture.partner(program, "Pia");
		PartnerSummary second = this.fixture.partner(program, "Ray");
		String admin = MailFixtures.unique("boss") + "@admin.test";

		this.mvc
			.perform(get("/admin/broadcasts/new").param("template", "announcement-new-credentials").with(admin(admin)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Our new partner center: your login for")))
			// the template's text is in the new syntax, and the form lists a partner's
			// fields (not the verification link of particular e-mails) to insert
			.andExpect(content().string(containsString("your tracked link stay the same: {{referralLink}}")))
			.andExpect(content().string(containsString("data-merge-insert=\"{{firstName}}\"")))
			.andExpect(content().string(containsString("data-merge-insert=\"{{pendingTotal}}\"")))
			.andExpect(content().string(not(containsString("data-merge-insert=\"{{link}}\""))));

		String body = "Hello {{firstName}}, code {{code}}.";
		this.mvc
			.perform(post("/admin/broadcasts/new").with(admin(admin))
				.with(csrf())
				.param("subject", "News for {{firstName}}")
				.param("body", body)
				.param("audience", "program:" + program.name())
				.param("action", "preview"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("News for Pia")))
			.andExpect(content().string(containsString("Hello Pia, code " + first.code() + ".")));

		this.mvc
			.perform(post("/admin/broadcasts/new").with(admin(admin))
				.with(csrf())
				.param("subject", "News for {{firstName}}")
				.param("body", body)
				.param("audience", "program:" + program.name())
				.param("action", "test"))
			.andExpect(status().isOk());
		this.delivery.deliverDue(Instant.now());
		List<MimeMessage> tests = this.fixture.received(admin);
		assertThat(tests).hasSize(1);
		assertThat(Mailbox.subject(tests.get(0))).isEqualTo("[Test] News for Pia");
		assertThat(this.fixture.received(first)).as("a test is no send").isEmpty();

		this.mvc
			.perform(post("/admin/broadcasts/new").with(admin(admin))
				.with(csrf())
				.param("subject", "News for {{firstName}}")
				.param("body", "Hello {{firstName.toUpperCase()}}")
				.param("audience", "program:" + program.name())
				.param("action", "send"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("is not a merge field: write {{name}}")));

		MvcResult sent = this.mvc
			.perform(post("/admin/broadcasts/new").with(admin(admin))
				.with(csrf())
				.param("subject", "News for {{firstName}}")
				.param("body", body)
				.param("audience", "program:" + program.name())
				.param("action", "send"))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		long id = Long.parseLong(sent.getResponse().getRedirectedUrl().replaceAll(".*/", ""));
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(this.broadcasts.get(id).status()));
		this.delivery.deliverDue(Instant.now());
		this.mvc.perform(get("/admin/broadcasts/" + id).with(admin(admin)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(this.fixture.email(second))))
			.andExpect(content().string(containsString("2 sent")));
		for (PartnerSummary partner : List.of(first, second)) {
			assertThat(this.fixture.received(partner)).hasSize(1);
		}
	}

	@Test
	void aScheduledAnnouncementStartsWhenDueAndCanBeCancelledBefore() throws Exception {
		ProgramSummary program = this.fixture.program(1);
		PartnerSummary partner = this.fixture.partner(program, "Sam");
		String at = java.time.LocalDateTime
			.ofInstant(this.clock.instant().plus(Duration.ofDays(2)), java.time.ZoneOffset.UTC)
			.withNano(0)
			.withSecond(0)
			.toString();
		long id = schedule(program, at);
		long cancelled = schedule(program, at);
		assertThat(this.broadcasts.get(id).status()).isEqualTo("scheduled");
		this.mvc
			.perform(post("/admin/broadcasts/" + cancelled + "/cancel").with(admin("admin@test.local")).with(csrf()))
			.andExpect(status().is3xxRedirection());

		this.broadcasts.startDue(this.clock.instant());
		assertThat(this.broadcasts.get(id).status()).as("not due yet").isEqualTo("scheduled");
		this.clock.advance(Duration.ofDays(3));
		this.broadcasts.startDue(this.clock.instant());
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(this.broadcasts.get(id).status()));
		Broadcast done = this.broadcasts.get(id);
		assertThat(done.recipients()).isEqualTo(1);
		assertThat(this.broadcasts.get(cancelled).status()).isEqualTo("cancelled");
		this.delivery.deliverDue(this.clock.instant());
		assertThat(this.fixture.received(partner)).hasSize(1);

		this.mvc
			.perform(post("/admin/broadcasts/new").with(admin("admin@test.local"))
				.with(csrf())
				.param("subject", "Later")
				.param("body", "Hi")
				.param("audience", "program:" + program.name())
				.param("scheduledAt", "2001-01-01T09:00")
				.param("action", "schedule"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("must be in the future")));
	}

	@Test
	void onlyAdminsWithATokenUseTheEditor() throws Exception {
		this.mvc.perform(get("/admin/broadcasts").with(user("p@x.test").roles("PARTNER")))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/admin/broadcasts/new").with(admin("admin@test.local"))
				.param("subject", "x")
				.param("body", "y")
				.param("action", "send"))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/admin/broadcasts").with(admin("admin@test.local")))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("Exception"))));
		this.mvc.perform(get("/admin/broadcasts/987654321").with(admin("admin@test.local")))
			.andExpect(status().isNotFound());
	}

	private long schedule(ProgramSummary program, String at) throws Exception {
		MvcResult result = this.mvc
			.perform(post("/admin/broadcasts/new").with(admin("admin@test.local"))
				.with(csrf())
				.param("subject", "Later")
				.param("body", "Hi {{firstName}}")
				.param("audience", "program:" + program.name())
				.param("scheduledAt", at)
				.param("action", "schedule"))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		return Long.parseLong(result.getResponse().getRedirectedUrl().replaceAll(".*/", ""));
	}

	private static RequestPostProcessor admin(String email) {
		return user(email).roles("ADMIN");
	}

}
