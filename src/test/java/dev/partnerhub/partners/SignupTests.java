package dev.partnerhub.partners;

import java.time.Instant;
import java.util.List;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.mail.MailFixtures;
import dev.partnerhub.mail.Mailbox;
import dev.partnerhub.mail.domain.MailDelivery;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.SignupSettings;
import dev.partnerhub.programs.domain.ProgramService;
import jakarta.mail.internet.MimeMessage;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static dev.partnerhub.mail.MailFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The public partner sign-up, with the verification e-mail read from GreenMail. */
@IntegrationTest
class SignupTests {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(
			new ServerSetup(IntegrationTest.SMTP_PORT, "127.0.0.1", "smtp"));

	@Autowired
	MockMvc mvc;

	@Autowired
	ProgramService programs;

	@Autowired
	SignupSettings signupSettings;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactApi contacts;

	@Autowired
	MailDelivery delivery;

	@Autowired
	JdbcClient jdbc;

	@Test
	void badInputShowsAMessagePerFieldAndCreatesNothing() throws Exception {
		ProgramSummary program = MailFixtures.program(this.programs, 1);
		String email = unique("bad") + "@signup.test";
		String[][] cases = { { "firstName", "" }, { "lastName", "" }, { "email", "not-an-email" },
				{ "password", "short" }, { "confirmPassword", "different-password-1" }, { "payoutEmail", "nope" },
				{ "terms", "false" } };
		String ip = ip();
		for (String[] c : cases) {
			this.mvc.perform(valid(program, email, ip, c[0], c[1]))
				.andExpect(status().isBadRequest())
				.andExpect(model().attributeHasFieldErrors("signupForm", c[0]));
		}
		assertThat(count("select count(*) from contact where lower(email) = lower(:e)", email)).isZero();
		assertThat(count("select count(*) from user_account where lower(email) = lower(:e)", email)).isZero();
		assertThat(count("select count(*) from mail_message where to_address = :e", email)).isZero();
	}

	@Test
	void signUpVerifyAndLogIn() throws Exception {
		ProgramSummary program = MailFixtures.program(this.programs, 2);
		String email = unique("new") + "@signup.test";
		this.mvc.perform(valid(program, email, ip()).param("payoutEmail", "pay+" + email))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Check your e-mail")))
			.andExpect(content().string(containsString("reviewed by our team")));
		PartnerSummary partner = partnerOf(email);
		assertThat(partner.status()).isEqualTo(PartnerStatus.PENDING);
		assertThat(partner.payoutEmail()).isEqualTo("pay+" + email);
		assertThat(partner.parentId()).isNull();

		// no login before the link is opened
		this.mvc.perform(formLogin("/login").user(email).password("long-password-1"))
			.andExpect(redirectedUrl("/login?inactive"))
			.andExpect(unauthenticated());

		this.delivery.deliverDue(Instant.now());
		List<MimeMessage> received = Mailbox.to(greenMail, email);
		assertThat(received).hasSize(1);
		assertThat(Mailbox.subject(received.get(0))).contains(program.name());
		String link = Mailbox.link(received.get(0), "/partners/verify");
		String path = link.substring(link.indexOf("/partners/verify"));

		this.mvc.perform(get(path)).andExpect(redirectedUrl("/login?verified"));
		this.mvc.perform(get(path)).andExpect(status().isBadRequest()); // single use
		this.mvc.perform(formLogin("/login").user(email).password("long-password-1"))
			.andExpect(redirectedUrl("/partner"))
			.andExpect(authenticated());

		// welcome e-mail to him and a notification to the admins, each once
		this.delivery.deliverDue(Instant.now());
		List<MimeMessage> after = Mailbox.to(greenMail, email);
		assertThat(after).hasSize(2);
		String welcome = Mailbox.body(after.get(1));
		assertThat(welcome).contains(partner.code(), "/r/" + partner.code(), "http://localhost:8080/partner",
				"/partners/signup/", "we will let you know when your account is approved");
		List<MimeMessage> admin = Mailbox.to(greenMail, "admin@test.local");
		assertThat(admin).anyMatch(
				m -> Mailbox.body(m).contains(email) && Mailbox.body(m).contains("/admin/partners/" + partner.id()));
	}

	@Test
	void theReferringPartnerBecomesTheParentAndAutoApproveApproves() throws Exception {
		ProgramSummary program = MailFixtures.program(this.programs, 2);
		this.signupSettings.setAutoApprovePartners(program.id(), true);
		PartnerSummary referrer = MailFixtures.partner(this.contacts, this.partners, program, "Ria");
		String link = this.partners.signupLink(referrer.id()).orElseThrow();
		String slug = this.programs.slugOf(program.id()).orElseThrow();
		assertThat(link).endsWith("/partners/signup/" + slug + "?ref=" + referrer.code());
		this.mvc.perform(get(java.net.URI.create(link.substring(link.indexOf("/partners/")))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Invited by partner")));

		String email = unique("child") + "@signup.test";
		this.mvc.perform(valid(program, email, ip()).param("ref", referrer.code()))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("reviewed by our team"))));
		PartnerSummary child = partnerOf(email);
		assertThat(child.parentId()).isEqualTo(referrer.id());
		assertThat(child.status()).isEqualTo(PartnerStatus.APPROVED);

		// the ph_ref cookie of an earlier /r/ click works too when the link has no ref
		String clickToken = this.mvc.perform(get("/r/{code}", referrer.code()))
			.andReturn()
			.getResponse()
			.getCookie("ph_ref")
			.getValue();
		String second = unique("cookie") + "@signup.test";
		this.mvc.perform(valid(program, second, ip()).cookie(new Cookie("ph_ref", clickToken)))
			.andExpect(status().isOk());
		assertThat(partnerOf(second).parentId()).isEqualTo(referrer.id());

		// a pending referrer is nobody's parent
		ProgramSummary manual = MailFixtures.program(this.programs, 1);
		String third = unique("orphan") + "@signup.test";
		PartnerSummary pending = this.partners.changeStatus(
				MailFixtures.partner(this.contacts, this.partners, manual, "Pen").id(), PartnerStatus.PENDING);
		this.mvc.perform(valid(manual, third, ip()).param("ref", pending.code())).andExpect(status().isOk());
		assertThat(partnerOf(third).parentId()).isNull();
		assertThat(partnerOf(third).status()).isEqualTo(PartnerStatus.PENDING);
	}

	@Test
	void duplicateEmailsGetAClearMessage() throws Exception {
		ProgramSummary program = MailFixtures.program(this.programs, 1);
		PartnerSummary existing = MailFixtures.partner(this.contacts, this.partners, program, "Dup");
		String email = MailFixtures.email(this.contacts, existing);
		this.mvc.perform(valid(program, email.toUpperCase(), ip()))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrors("signupForm", "email"))
			.andExpect(content().string(containsString("already a partner")));
		this.mvc.perform(valid(program, "admin@test.local", ip()))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("exists already")));
		// a customer contact (no partner, no login) may sign up: the contact is reused
		String customer = unique("customer") + "@signup.test";
		long contactId = this.contacts.create(customer, "Cus", "Tomer").id();
		this.mvc.perform(valid(program, customer, ip())).andExpect(status().isOk());
		assertThat(partnerOf(customer).contactId()).isEqualTo(contactId);
		this.mvc.perform(valid(program, customer, ip())).andExpect(status().isBadRequest());
		assertThat(count("select count(*) from partner p join contact c on c.id = p.contact_id where c.email = :e",
				customer))
			.isEqualTo(1);
	}

	@Test
	void signUpsAreRateLimitedPerAddress() throws Exception {
		ProgramSummary program = MailFixtures.program(this.programs, 1);
		String ip = ip();
		for (int i = 0; i < 10; i++) {
			this.mvc.perform(valid(program, unique("rate") + "@signup.test", ip)).andExpect(status().isOk());
		}
		String refused = unique("rate") + "@signup.test";
		this.mvc.perform(valid(program, refused, ip)).andExpect(status().isTooManyRequests());
		assertThat(count("select count(*) from contact where email = :e", refused)).isZero();
		this.mvc.perform(valid(program, unique("rate") + "@signup.test", ip())).andExpect(status().isOk());
	}

	@Test
	void anUnknownProgramIsA404AndTheFormNeedsCsrf() throws Exception {
		this.mvc.perform(get("/partners/signup/{p}", unique("nope"))).andExpect(status().isNotFound());
		ProgramSummary program = MailFixtures.program(this.programs, 1);
		String slug = this.programs.slugOf(program.id()).orElseThrow();
		this.mvc.perform(get("/partners/signup/{p}", slug))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("_csrf")))
			.andExpect(content().string(containsString("action=\"/partners/signup/" + slug + "\"")));
		// a link made with the program's name (before slugs) goes on to the slug URL for
		// good, its ref kept
		this.mvc.perform(get("/partners/signup/{p}?ref=jane", program.name()))
			.andExpect(status().isMovedPermanently())
			.andExpect(header().string("Location", "/partners/signup/" + slug + "?ref=jane"));
		this.mvc.perform(post("/partners/signup/{p}", program.name()).param("email", unique("x") + "@signup.test"))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/partners/verify").param("token", "made-up")).andExpect(status().isBadRequest());
	}

	private MockHttpServletRequestBuilder valid(ProgramSummary program, String email, String ip) {
		return valid(program, email, ip, null, null);
	}

	/** A valid form, with one field replaced. */
	private MockHttpServletRequestBuilder valid(ProgramSummary program, String email, String ip, String field,
			String value) {
		java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
		fields.put("firstName", "Sina");
		fields.put("lastName", "Up");
		fields.put("email", email);
		fields.put("password", "long-password-1");
		fields.put("confirmPassword", "long-password-1");
		fields.put("terms", "true");
		if (field != null) {
			fields.put(field, value);
		}
		MockHttpServletRequestBuilder request = post("/partners/signup/{p}", program.name()).with(csrf())
			.with(from(ip));
		fields.forEach(request::param);
		return request;
	}

	private static RequestPostProcessor from(String ip) {
		return request -> {
			request.setRemoteAddr(ip);
			return request;
		};
	}

	/**
	 * Each test signs up from its own address: the limiter is shared by the whole test
	 * run.
	 */
	private static String ip() {
		java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
		return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
	}

	private PartnerSummary partnerOf(String email) {
		return this.partners.findByContactId(this.contacts.findByEmail(email).orElseThrow().id()).orElseThrow();
	}

	private long count(String sql, String email) {
		return this.jdbc.sql(sql).param("e", email).query(Long.class).single();
	}

}
