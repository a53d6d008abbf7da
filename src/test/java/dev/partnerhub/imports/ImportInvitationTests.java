package dev.partnerhub.imports;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.partnerhub.IntegrationTest;
import dev.partnerhub.accounts.AccountApi;
import dev.partnerhub.imports.domain.CsvImports;
import dev.partnerhub.mail.MailFixtures;
import dev.partnerhub.mail.Mailbox;
import dev.partnerhub.mail.domain.MailDelivery;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static dev.partnerhub.mail.MailFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;

/**
 * Issue 17: the partner import's "invite imported partners" option (off by default), and
 * the report's count of invited partners; e-mails read from GreenMail.
 */
@IntegrationTest
class ImportInvitationTests {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(
			new ServerSetup(IntegrationTest.SMTP_PORT, "127.0.0.1", "smtp"));

	static final RequestPostProcessor ADMIN = user("admin@test.local").roles("ADMIN");

	@Autowired
	MockMvc mvc;

	@Autowired
	CsvImports imports;

	@Autowired
	ProgramService programs;

	@Autowired
	MailDelivery delivery;

	@Autowired
	AccountApi accounts;

	@Test
	void invitingImportedPartnersSendsOneInvitationToEachApprovedOneAndCountsThem() throws Exception {
		ProgramSummary program = MailFixtures.program(this.programs, 1);
		String u = unique("");
		String ann = "ann-" + u + "@import.test";
		String bob = "bob-" + u + "@import.test";
		String cat = "cat-" + u + "@import.test";
		String csv = "email,first_name,last_name,program,status\n" + ann + ",Ann,A," + program.name() + ",\n" + bob
				+ ",Bob,B," + program.name() + ",approved\n" + cat + ",Cat,C," + program.name() + ",pending\n";
		long id = upload(csv);
		this.mvc.perform(get("/admin/import/" + id).with(ADMIN))
			.andExpect(content().string(containsString("Invite imported partners")));
		this.mvc.perform(post("/admin/import/" + id + "/start").param("invite", "true").with(ADMIN).with(csrf()));
		CsvImports.Job job = awaitDone(id);
		assertThat(job.created()).isEqualTo(3);
		assertThat(job.invited()).isEqualTo(2);
		this.mvc.perform(get("/admin/import/" + id + "/progress").with(ADMIN))
			.andExpect(content().string(containsString("2 invited")));

		this.delivery.deliverDue(Instant.now().plusSeconds(1));
		assertThat(Mailbox.to(greenMail, ann)).hasSize(1);
		assertThat(Mailbox.link(Mailbox.to(greenMail, ann).get(0), "/account/set-password")).contains("token=");
		assertThat(Mailbox.body(Mailbox.to(greenMail, bob).get(0))).contains("Bob");
		assertThat(Mailbox.to(greenMail, bob)).hasSize(1);
		assertThat(Mailbox.to(greenMail, cat)).isEmpty();
		this.mvc
			.perform(get("/admin/partners").param("program", "" + program.id()).param("access", "invited").with(ADMIN))
			.andExpect(content().string(containsString(ann)))
			.andExpect(content().string(containsString(bob)))
			.andExpect(content().string(not(containsString(cat))));
	}

	@Test
	void withoutTheOptionNobodyIsInvited() throws Exception {
		ProgramSummary program = MailFixtures.program(this.programs, 1);
		String dan = "dan-" + unique("") + "@import.test";
		long id = upload("email,program\n" + dan + "," + program.name() + "\n");
		this.mvc.perform(post("/admin/import/" + id + "/start").with(ADMIN).with(csrf()));
		CsvImports.Job job = awaitDone(id);
		assertThat(job.created()).isEqualTo(1);
		assertThat(job.invited()).isZero();
		this.mvc.perform(get("/admin/import/" + id + "/progress").with(ADMIN))
			.andExpect(content().string(not(containsString("invited"))));
		this.delivery.deliverDue(Instant.now().plusSeconds(1));
		assertThat(Mailbox.to(greenMail, dan)).isEmpty();
		assertThat(this.accounts.hasLogin(dan)).isFalse();
	}

	private long upload(String csv) throws Exception {
		String location = this.mvc
			.perform(multipart("/admin/import")
				.file(new MockMultipartFile("file", "partners.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
				.param("kind", "partners")
				.with(ADMIN)
				.with(csrf()))
			.andExpect(redirectedUrlPattern("/admin/import/*"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
	}

	private CsvImports.Job awaitDone(long id) {
		CsvImports.Job job = await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> this.imports.find(id).orElseThrow(), j -> !j.active());
		assertThat(job.status()).isEqualTo("done");
		return job;
	}

}
