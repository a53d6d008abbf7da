package dev.partnerhub.tracking;

import java.time.Duration;
import java.time.Instant;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.MutableClock;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.domain.ProgramAddresses;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.tracking.domain.ClickTokens;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class TrackingJoinTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ProgramService programService;

	@Autowired
	ProgramAddresses programAddresses;

	@Autowired
	PartnerService partnerService;

	@Autowired
	ContactApi contacts;

	@Autowired
	ClickTokens tokens;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	ProgramSummary program;

	PartnerSummary partner;

	@BeforeEach
	void setUp() {
		Fixtures fixtures = new Fixtures(this.programService, this.partnerService, this.contacts);
		this.program = fixtures.program("https://shop.example.com/", 30);
		this.partner = fixtures.partner(this.program, PartnerStatus.APPROVED);
	}

	@Test
	void anOptInWithAClickTokenCreditsThePartnerAsFirstAndLastReferrer() throws Exception {
		String email = Fixtures.unique("visitor") + "@test.local";
		String token = this.tokens.issue(this.partner.id(), Instant.now(), null);
		this.mvc
			.perform(post("/join").param("email", email)
				.param("firstName", "Vera")
				.param("lastName", "Visitor")
				.param("referral", token))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Thank you")))
			.andExpect(content().string(containsString("check your inbox")));
		// double opt-in: nothing but the pending opt-in until the address confirms
		assertThat(this.contacts.findByEmail(email)).isEmpty();
		OptInLinks.confirm(this.mvc, this.jdbc, this.clock, email).andExpect(status().isOk());
		ContactSummary contact = this.contacts.findByEmail(email).orElseThrow();
		assertThat(contact.firstName()).isEqualTo("Vera");
		assertThat(contact.firstReferrerId()).isEqualTo(this.partner.id());
		assertThat(contact.lastReferrerId()).isEqualTo(this.partner.id());
	}

	@Test
	void theFirstReferrerStaysAndTheLastChanges() throws Exception {
		PartnerSummary second = new Fixtures(this.programService, this.partnerService, this.contacts)
			.partner(this.program, PartnerStatus.APPROVED);
		String email = Fixtures.unique("visitor") + "@test.local";
		join(email, this.tokens.issue(this.partner.id(), Instant.now(), null));
		// From a public form only a click made after his last referral moves the last
		// referrer (tokens carry whole
		// seconds, so this click is dated a moment after the first opt-in); a bare code
		// is ignored.
		join(email, second.code());
		assertThat(this.contacts.findByEmail(email).orElseThrow().lastReferrerId()).isEqualTo(this.partner.id());
		join(email, this.tokens.issue(second.id(), Instant.now().plusSeconds(2), null));
		ContactSummary contact = this.contacts.findByEmail(email).orElseThrow();
		assertThat(contact.firstReferrerId()).isEqualTo(this.partner.id());
		assertThat(contact.lastReferrerId()).isEqualTo(second.id());
	}

	@Test
	void theRedirectCookieIsUsedWhenTheFormHasNoReferral() throws Exception {
		String email = Fixtures.unique("visitor") + "@test.local";
		String token = this.tokens.issue(this.partner.id(), Instant.now(), null);
		this.mvc.perform(post("/join").param("email", email).cookie(new Cookie("ph_ref", token)))
			.andExpect(status().isOk());
		OptInLinks.confirm(this.mvc, this.jdbc, this.clock, email).andExpect(status().isOk());
		assertThat(this.contacts.findByEmail(email).orElseThrow().lastReferrerId()).isEqualTo(this.partner.id());
	}

	@Test
	void expiredOrForgedTokensAndSelfReferralsCreditNobody() throws Exception {
		String expired = Fixtures.unique("visitor") + "@test.local";
		join(expired, this.tokens.issue(this.partner.id(), Instant.now().minus(Duration.ofDays(31)), null));
		assertThat(this.contacts.findByEmail(expired).orElseThrow().lastReferrerId()).isNull();

		String forged = Fixtures.unique("visitor") + "@test.local";
		join(forged, "A".repeat(76));
		assertThat(this.contacts.findByEmail(forged).orElseThrow().lastReferrerId()).isNull();

		String own = this.contacts.findById(this.partner.contactId()).orElseThrow().email();
		join(own.toUpperCase(), this.tokens.issue(this.partner.id(), Instant.now(), null));
		assertThat(this.contacts.findById(this.partner.contactId()).orElseThrow().lastReferrerId()).isNull();
	}

	@Test
	void badInputIsA400WithTheFormAgain() throws Exception {
		this.mvc.perform(post("/join").param("email", "not-an-email"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("valid e-mail")));
		this.mvc.perform(post("/join")).andExpect(status().isBadRequest());
		this.mvc.perform(post("/join").param("email", "a@b.example").param("firstName", "x".repeat(101)))
			.andExpect(status().isBadRequest());
	}

	@Test
	void theHostedPageShowsTheProgram() throws Exception {
		String slug = this.programService.slugOf(this.program.id()).orElseThrow();
		assertThat(slug).matches("[a-z0-9]+(-[a-z0-9]+)*");
		// an opt-in for customers, not the partner sign-up ("Join Widget Partners")
		this.mvc.perform(get("/join/{program}", slug))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Get updates from " + this.program.name())))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("Join " + this.program.name()))));
		// a link made with the program's name still works: for good to the slug URL
		this.mvc.perform(get("/join/{program}?ref=abc", this.program.name()))
			.andExpect(status().isMovedPermanently())
			.andExpect(header().string("Location", "/join/" + slug + "?ref=abc"));
		this.mvc.perform(get("/join/{program}", Fixtures.unique("none"))).andExpect(status().isNotFound());
	}

	@Test
	void theFormOnlySendsOneConfirmationAnHourAndCreatesNothing() throws Exception {
		String email = Fixtures.unique("pending") + "@test.local";
		String token = this.tokens.issue(this.partner.id(), Instant.now(), null);
		for (int i = 0; i < 3; i++) {
			this.mvc
				.perform(post("/join").param("email", i == 1 ? email.toUpperCase() : email)
					.param("program", this.program.name())
					.param("referral", token))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("check your inbox")));
		}
		assertThat(OptInLinks.mailsTo(this.jdbc, email)).isEqualTo(1);
		assertThat(this.contacts.findByEmail(email)).isEmpty();
		String first = OptInLinks.latestToken(this.jdbc, email).orElseThrow();
		this.clock.advance(Duration.ofMinutes(61));
		this.mvc.perform(post("/join").param("email", email).param("program", this.program.name()))
			.andExpect(status().isOk());
		assertThat(OptInLinks.mailsTo(this.jdbc, email)).isEqualTo(2);
		// the first link still works (48 hours), once
		this.mvc.perform(post("/join/confirm/{token}", first).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("You are signed up")));
		assertThat(this.contacts.findByEmail(email).orElseThrow().lastReferrerId()).isEqualTo(this.partner.id());
		this.mvc.perform(post("/join/confirm/{token}", first).with(csrf())).andExpect(status().isNotFound());
		this.mvc.perform(get("/join/confirm/{token}", first)).andExpect(status().isNotFound());
	}

	@Test
	void parallelAnonymousFormsForOneAddressSendOneConfirmationAndParallelConfirmationsCreateOneContact()
			throws Exception {
		String email = Fixtures.unique("rush") + "@test.local";
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
		try {
			java.util.List<java.util.concurrent.Future<Integer>> forms = new java.util.ArrayList<>();
			for (int i = 0; i < 6; i++) {
				int n = i;
				forms.add(pool.submit(() -> this.mvc.perform(post("/join").with(request -> {
					request.setRemoteAddr("10.77." + n + ".1");
					return request;
				}).param("email", email).param("program", this.program.name())).andReturn().getResponse().getStatus()));
			}
			for (java.util.concurrent.Future<Integer> form : forms) {
				assertThat(form.get()).isEqualTo(200);
			}
			// one confirmation e-mail, nothing created by the anonymous forms
			assertThat(OptInLinks.mailsTo(this.jdbc, email)).isEqualTo(1);
			assertThat(this.contacts.findByEmail(email)).isEmpty();
			String token = OptInLinks.latestToken(this.jdbc, email).orElseThrow();
			java.util.List<java.util.concurrent.Future<Integer>> confirmations = new java.util.ArrayList<>();
			for (int i = 0; i < 6; i++) {
				confirmations.add(pool.submit(() -> this.mvc.perform(post("/join/confirm/{token}", token).with(csrf()))
					.andReturn()
					.getResponse()
					.getStatus()));
			}
			int confirmed = 0;
			for (java.util.concurrent.Future<Integer> confirmation : confirmations) {
				int code = confirmation.get();
				assertThat(code).isIn(200, 404);
				confirmed += code == 200 ? 1 : 0;
			}
			// the link works once, however many press at the same time
			assertThat(confirmed).isEqualTo(1);
			assertThat(this.jdbc.sql("select count(*) from contact where lower(email) = lower(:e)")
				.param("e", email)
				.query(Long.class)
				.single()).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void expiredForgedAndCsrfLessConfirmationsDoNothing() throws Exception {
		String email = Fixtures.unique("late") + "@test.local";
		this.mvc.perform(post("/join").param("email", email)).andExpect(status().isOk());
		String token = OptInLinks.latestToken(this.jdbc, email).orElseThrow();
		String forged = token.substring(0, 42) + (token.charAt(42) == 'A' ? 'B' : 'A');
		this.mvc.perform(get("/join/confirm/{token}", forged)).andExpect(status().isNotFound());
		this.mvc.perform(post("/join/confirm/{token}", forged).with(csrf())).andExpect(status().isNotFound());
		this.mvc.perform(post("/join/confirm/{token}", "x".repeat(500)).with(csrf())).andExpect(status().isNotFound());
		this.mvc.perform(post("/join/confirm/{token}", token)).andExpect(status().isForbidden());
		assertThat(this.contacts.findByEmail(email)).isEmpty();
		this.clock.advance(Duration.ofHours(49));
		this.mvc.perform(get("/join/confirm/{token}", token))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("expired")));
		this.mvc.perform(post("/join/confirm/{token}", token).with(csrf())).andExpect(status().isNotFound());
		assertThat(this.contacts.findByEmail(email)).isEmpty();
	}

	private void join(String email, String referral) throws Exception {
		this.mvc.perform(post("/join").param("email", email).param("referral", referral)).andExpect(status().isOk());
		OptInLinks.confirm(this.mvc, this.jdbc, this.clock, email).andExpect(status().isOk());
	}

	@Test
	void theThankYouPageNamesAnExistingProgramAndNothingElse() throws Exception {
		this.mvc
			.perform(post("/join").param("email", Fixtures.unique("named") + "@test.local")
				.param("program", this.program.name()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("signed up<span> for " + this.program.name() + "</span>.")));
		for (String program : new String[] { "", "No Such Program <b>" }) {
			String page = this.mvc
				.perform(post("/join").param("email", Fixtures.unique("unnamed") + "@test.local")
					.param("program", program))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(page).contains("confirm that you signed up.")
				.doesNotContain(" for .")
				.doesNotContain("No Such Program");
		}
	}

	@Test
	void aRedirectLeadsBackToTheProgramsSalesSiteOnly() throws Exception {
		String email = Fixtures.unique("back") + "@test.local";
		this.mvc
			.perform(post("/join").param("email", email)
				.param("program", this.program.name())
				.param("redirect", "https://shop.example.com/thanks?from=partners"))
			.andExpect(status().isSeeOther())
			.andExpect(header().string("Location", "https://shop.example.com/thanks?from=partners"));
		assertThat(OptInLinks.mailsTo(this.jdbc, email)).isEqualTo(1);
		for (String elsewhere : new String[] { "https://evil.example.net/thanks", "https://shop.example.com.evil.net/",
				"http://shop.example.com/thanks", "https://shop.example.com:8443/thanks", "//evil.example.net/",
				"/admin", "javascript:alert(1)", "https://user@shop.example.com/",
				"https://shop.example.com/\r\nX: y" }) {
			this.mvc
				.perform(post("/join").param("email", Fixtures.unique("stay") + "@test.local")
					.param("program", this.program.name())
					.param("redirect", elsewhere))
				.andExpect(status().isOk())
				.andExpect(header().doesNotExist("Location"))
				.andExpect(content().string(containsString("signed up<span> for " + this.program.name() + "</span>.")));
		}
		// the other sales sites an admin lists on the program count too, and only those
		this.programAddresses.changeSalesSites(this.program.id(),
				"https://www.shop.example.org\nhttp://localhost:9000");
		this.mvc
			.perform(post("/join").with(otherAddress())
				.param("email", Fixtures.unique("other") + "@test.local")
				.param("program", this.program.name())
				.param("redirect", "https://www.shop.example.org/merci"))
			.andExpect(status().isSeeOther())
			.andExpect(header().string("Location", "https://www.shop.example.org/merci"));
		this.mvc
			.perform(post("/join").with(otherAddress())
				.param("email", Fixtures.unique("other") + "@test.local")
				.param("program", this.program.name())
				.param("redirect", "http://localhost:9000/done"))
			.andExpect(status().isSeeOther())
			.andExpect(header().string("Location", "http://localhost:9000/done"));
		for (String elsewhere : new String[] { "https://shop.example.org/merci", "http://www.shop.example.org/merci",
				"http://localhost:9001/done", "https://www.shop.example.org.evil.net/" }) {
			this.mvc
				.perform(post("/join").with(otherAddress())
					.param("email", Fixtures.unique("stay") + "@test.local")
					.param("program", this.program.name())
					.param("redirect", elsewhere))
				.andExpect(status().isOk())
				.andExpect(header().doesNotExist("Location"));
		}
		this.programAddresses.changeSalesSites(this.program.id(), "");
		// without a (known) program there is no sales site to go back to
		this.mvc
			.perform(post("/join").param("email", Fixtures.unique("noprogram") + "@test.local")
				.param("redirect", "https://shop.example.com/thanks"))
			.andExpect(status().isOk())
			.andExpect(header().doesNotExist("Location"));
	}

	/**
	 * The form allows 30 posts a minute per address: the sales-site posts come from one
	 * of their own.
	 */
	private static org.springframework.test.web.servlet.request.RequestPostProcessor otherAddress() {
		return request -> {
			request.setRemoteAddr("10.77.0.1");
			return request;
		};
	}

}
