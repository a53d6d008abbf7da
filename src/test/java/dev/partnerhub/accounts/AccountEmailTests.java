package dev.partnerhub.accounts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.partnerhub.IntegrationTest;
import dev.partnerhub.accounts.domain.AccountLinks;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.mail.MailFixtures;
import dev.partnerhub.mail.Mailbox;
import dev.partnerhub.mail.domain.MailDelivery;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.support.InvalidInputException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static dev.partnerhub.mail.MailFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Invitation of admin-created partners and password reset, with the links read from
 * GreenMail.
 */
@IntegrationTest
class AccountEmailTests {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(
			new ServerSetup(IntegrationTest.SMTP_PORT, "127.0.0.1", "smtp"));

	@Autowired
	MockMvc mvc;

	@Autowired
	ProgramService programs;

	@Autowired
	ContactApi contacts;

	@Autowired
	MailDelivery delivery;

	@Autowired
	AccountLinks links;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aPartnerCreatedByTheApiWithoutPasswordIsInvitedAndSetsHisPassword() throws Exception {
		ProgramSummary program = MailFixtures.program(this.programs, 1);
		String email = unique("invited") + "@accounts.test";
		this.mvc
			.perform(post("/api/v1/partners").header("Authorization", IntegrationTest.BEARER)
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"email": "%s", "firstName": "Ivy", "lastName": "Invited", "program": "%s"}
						""".formatted(email, program.name())))
			.andExpect(status().isCreated());
		this.mvc.perform(formLogin("/login").user(email).password("whatever-it-is"))
			.andExpect(redirectedUrl("/login?inactive"));

		this.delivery.deliverDue(Instant.now());
		List<MimeMessage> received = Mailbox.to(greenMail, email);
		assertThat(received).hasSize(1);
		assertThat(Mailbox.subject(received.get(0))).contains(program.name());
		assertThat(Mailbox.body(received.get(0))).contains("Ivy", "/r/");
		String path = path(Mailbox.link(received.get(0), "/account/set-password"));

		this.mvc.perform(get(path))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Choose your password")));
		String token = path.substring(path.indexOf("token=") + 6);
		this.mvc
			.perform(post("/account/set-password").param("token", token)
				.param("password", "short")
				.param("confirm", "short")
				.with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("at least 10")));
		this.mvc
			.perform(post("/account/set-password").param("token", token)
				.param("password", "ivys-password-1")
				.param("confirm", "ivys-password-2")
				.with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("differ")));
		this.mvc
			.perform(post("/account/set-password").param("token", token)
				.param("password", "ivys-password-1")
				.param("confirm", "ivys-password-1")
				.with(csrf()))
			.andExpect(redirectedUrl("/login?passwordSet"));
		this.mvc.perform(formLogin("/login").user(email).password("ivys-password-1"))
			.andExpect(redirectedUrl("/partner"))
			.andExpect(authenticated());
		// single use
		this.mvc.perform(get(path))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("invalid")));
		this.mvc
			.perform(post("/account/set-password").param("token", token)
				.param("password", "other-password-1")
				.param("confirm", "other-password-1")
				.with(csrf()))
			.andExpect(status().isBadRequest());
	}

	@Test
	void aConsoleCreatedPartnerWithAPasswordIsNotInvited() throws Exception {
		ProgramSummary program = MailFixtures.program(this.programs, 1);
		String email = unique("withpw") + "@accounts.test";
		this.mvc
			.perform(post("/admin/partners/new").param("email", email)
				.param("firstName", "Pat")
				.param("lastName", "Word")
				.param("programId", String.valueOf(program.id()))
				.param("password", "console-password-1")
				.with(user("admin@test.local").roles("ADMIN"))
				.with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(this.jdbc.sql("select count(*) from mail_message where to_address = :e")
			.param("e", email)
			.query(Long.class)
			.single()).isZero();
		String other = unique("nopw") + "@accounts.test";
		this.mvc
			.perform(post("/admin/partners/new").param("email", other)
				.param("firstName", "No")
				.param("lastName", "Word")
				.param("programId", String.valueOf(program.id()))
				.with(user("admin@test.local").roles("ADMIN"))
				.with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(this.jdbc.sql("select template_key from mail_message where to_address = :e")
			.param("e", other)
			.query(String.class)
			.list()).containsExactly("partner-invitation");
	}

	@Test
	void invitationLinksExpireAfterSevenDays() {
		ProgramSummary program = MailFixtures.program(this.programs, 1);
		String email = unique("late") + "@accounts.test";
		long contactId = this.contacts.create(email, "Lee", "Late").id();
		long accountId = this.jdbc.sql("""
				insert into user_account (email, role, contact_id) values (:e, 'PARTNER', :c) returning id
				""").param("e", email).param("c", contactId).query(Long.class).single();
		Instant issued = Instant.parse("2030-01-01T00:00:00Z");
		String token = issue(accountId, AccountLinks.Purpose.INVITE, AccountLinks.INVITE_TTL, issued);
		assertThat(this.links.usable(token, issued.plus(Duration.ofDays(6)))).isTrue();
		assertThat(this.links.usable(token, issued.plus(Duration.ofDays(7)).plusSeconds(1))).isFalse();
		assertThatThrownBy(() -> this.links.setPassword(token, "late-password-1", issued.plus(Duration.ofDays(8))))
			.isInstanceOf(InvalidInputException.class);
		assertThat(this.links.setPassword(token, "late-password-1", issued.plus(Duration.ofDays(6)))).isEqualTo(email);
		assertThat(program).isNotNull();
	}

	@Test
	void passwordResetForAPartnerAndAnAdmin() throws Exception {
		ProgramSummary program = MailFixtures.program(this.programs, 1);
		String partnerEmail = unique("forgot") + "@accounts.test";
		this.mvc
			.perform(post("/api/v1/partners").header("Authorization", IntegrationTest.BEARER)
				.contentType(MediaType.APPLICATION_JSON)
				.content(
						"""
								{"email": "%s", "firstName": "Fo", "lastName": "Rgot", "program": "%s", "password": "old-password-1"}
								"""
							.formatted(partnerEmail, program.name())))
			.andExpect(status().isCreated());
		resetAndLogIn(partnerEmail, "new-password-12", "/partner");

		String adminEmail = unique("admin") + "@accounts.test";
		this.jdbc
			.sql("insert into user_account (email, password_hash, role) values (:e, '{noop}admin-old-pass', 'ADMIN')")
			.param("e", adminEmail)
			.update();
		resetAndLogIn(adminEmail, "admin-new-pass-1", "/admin");
		this.mvc.perform(formLogin("/login").user(adminEmail).password("admin-old-pass"))
			.andExpect(redirectedUrl("/login?error"));
	}

	@Test
	void anUnknownAddressGetsTheSameAnswerAndNoMail() throws Exception {
		String unknown = unique("nobody") + "@accounts.test";
		String known = this.mvc
			.perform(post("/account/reset").param("email", "admin@test.local").with(csrf()).with(from(ip())))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String answer = this.mvc.perform(post("/account/reset").param("email", unknown).with(csrf()).with(from(ip())))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(answer).isEqualTo(known).contains("If an account exists");
		assertThat(this.jdbc.sql("select count(*) from mail_message where to_address = :e")
			.param("e", unknown)
			.query(Long.class)
			.single()).isZero();
		this.mvc.perform(post("/account/reset").param("email", "").with(csrf()).with(from(ip())))
			.andExpect(status().isBadRequest());
	}

	@Test
	void resetRequestsAreRateLimited() throws Exception {
		String ip = ip();
		for (int i = 0; i < 10; i++) {
			this.mvc.perform(
					post("/account/reset").param("email", unique("r") + "@accounts.test").with(csrf()).with(from(ip)))
				.andExpect(status().isOk());
		}
		this.mvc
			.perform(post("/account/reset").param("email", unique("r") + "@accounts.test").with(csrf()).with(from(ip)))
			.andExpect(status().isTooManyRequests());
		this.mvc.perform(get("/login")).andExpect(content().string(containsString("/account/reset")));
	}

	private void resetAndLogIn(String email, String newPassword, String home) throws Exception {
		this.mvc.perform(post("/account/reset").param("email", email.toUpperCase()).with(csrf()).with(from(ip())))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("If an account exists")));
		this.delivery.deliverDue(Instant.now());
		// an approved partner with a password also gets the "you are approved" notice
		// (notices, asynchronous): only the reset e-mail counts here
		List<MimeMessage> received = Mailbox.to(greenMail, email)
			.stream()
			.filter(m -> Mailbox.subject(m).contains("Reset your Partnerhub password"))
			.toList();
		assertThat(received).hasSize(1);
		String path = path(Mailbox.link(received.get(0), "/account/set-password"));
		String token = path.substring(path.indexOf("token=") + 6);
		this.mvc
			.perform(post("/account/set-password").param("token", token)
				.param("password", newPassword)
				.param("confirm", newPassword)
				.with(csrf()))
			.andExpect(redirectedUrl("/login?passwordSet"));
		this.mvc.perform(formLogin("/login").user(email).password(newPassword)).andExpect(redirectedUrl(home));
	}

	private String issue(long accountId, AccountLinks.Purpose purpose, Duration ttl, Instant now) {
		return this.links.issue(accountId, purpose, ttl, now);
	}

	private static String path(String link) {
		return link.substring(link.indexOf("/account/"));
	}

	private static RequestPostProcessor from(String ip) {
		return request -> {
			request.setRemoteAddr(ip);
			return request;
		};
	}

	private static String ip() {
		java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
		return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
	}

}
