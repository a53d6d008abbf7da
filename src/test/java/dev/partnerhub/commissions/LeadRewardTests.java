package dev.partnerhub.commissions;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.MutableClock;
import dev.partnerhub.commissions.domain.HoldRules;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.orders.OrderFixtures;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.Enrollment;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.LeadRewards;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.tracking.OptInLinks;
import dev.partnerhub.tracking.domain.ClickTokens;
import dev.partnerhub.tracking.domain.OptInRequests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static dev.partnerhub.orders.OrderFixtures.read;
import static dev.partnerhub.orders.OrderFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Lead rewards (issue 19): a program's fixed amount per qualified lead — a new contact
 * who confirms a {@code /join} opt-in through a partner's click — as a pending tier-1
 * commission of kind {@code lead}, once per contact; a lead marked invalid is declined,
 * or clawed back once paid.
 */
@IntegrationTest
class LeadRewardTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactService contactService;

	@Autowired
	ContactApi contacts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CommissionApi commissions;

	@Autowired
	LeadRewards leadRewards;

	@Autowired
	ClickTokens tokens;

	@Autowired
	OptInRequests optIns;

	@Autowired
	HoldRules holdRules;

	@Autowired
	MutableClock clock;

	OrderFixtures f;

	ProgramSummary program;

	PartnerSummary partner;

	@BeforeEach
	void fixtures() {
		this.f = new OrderFixtures(this.programs, this.partners, this.contactService, this.mvc);
		this.program = this.f.program(1, Rate.percent("10"), null);
		this.leadRewards.setLeadReward(this.program.id(), new BigDecimal("5.00"));
		String code = unique("lp");
		long contactId = this.contactService.create(code + "@partners.example.com", "Lea", "Partner").id();
		this.partner = this.partners.enroll(new Enrollment(contactId, this.program.id(), code, PartnerStatus.APPROVED,
				null, code + "@paypal.example.com", "lead-partner-password-1"));
	}

	private void form(String email, String firstName, String referral) throws Exception {
		this.mvc.perform(post("/join").with(request -> {
			request.setRemoteAddr("10.88." + (email.hashCode() & 0xff) + ".1");
			return request;
		})
			.param("email", email)
			.param("firstName", firstName)
			.param("program", this.programs.slugOf(this.program.id()).orElseThrow())
			.param("referral", referral)).andExpect(status().isOk());
	}

	private String click() {
		return this.tokens.issue(this.partner.id(), Instant.now(), null);
	}

	private List<Map<String, Object>> leadRows(String email) {
		return this.jdbc.sql("""
				select c.id, c.status, c.amount, c.partner_id, c.reason, c.tier from commission c
				join contact ct on ct.id = c.contact_id
				where c.kind = 'lead' and c.clawback_of is null and lower(ct.email) = lower(:email)
				""").param("email", email).query().listOfRows();
	}

	private long leadOf(String email) {
		List<Map<String, Object>> rows = leadRows(email);
		assertThat(rows).hasSize(1);
		return ((Number) rows.get(0).get("id")).longValue();
	}

	@Test
	void aNewContactConfirmingWithAClickEarnsOneLeadRewardShownAsLead() throws Exception {
		String email = unique("lena") + "@lead.example.com";
		form(email, "Lena", click());
		// the form alone: no contact, no reward
		assertThat(this.contacts.findByEmail(email)).isEmpty();
		assertThat(leadRows(email)).isEmpty();
		OptInLinks.confirm(this.mvc, this.jdbc, this.clock, email).andExpect(status().isOk());

		List<Map<String, Object>> rows = leadRows(email);
		assertThat(rows).hasSize(1);
		assertThat(rows.get(0).get("status")).isEqualTo("pending");
		assertThat((BigDecimal) rows.get(0).get("amount")).isEqualByComparingTo("5.00");
		assertThat(((Number) rows.get(0).get("partner_id")).longValue()).isEqualTo(this.partner.id());
		assertThat(((Number) rows.get(0).get("tier")).intValue()).isEqualTo(1);
		long id = ((Number) rows.get(0).get("id")).longValue();

		// a later opt-in of the same (now existing) contact with a fresh click: no second
		form(email, "Lena", this.tokens.issue(this.partner.id(), Instant.now().plusSeconds(5), null));
		OptInLinks.confirm(this.mvc, this.jdbc, this.clock, email).andExpect(status().isOk());
		assertThat(leadRows(email)).hasSize(1);

		this.f.get("/api/v1/commissions?partner=" + this.partner.code())
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.items[0].id").value(id))
			.andExpect(jsonPath("$.items[0].kind").value("lead"))
			.andExpect(jsonPath("$.items[0].amount").value("5.00"))
			.andExpect(jsonPath("$.items[0].status").value("pending"));
		String partnerEmail = this.f.emailOf(this.partner);
		this.mvc.perform(get("/partner/commissions").with(user(partnerEmail).roles("PARTNER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Lead: Lena")));
		String csv = this.mvc
			.perform(get("/admin/commissions.csv").param("partner", this.partner.code())
				.with(user("admin@test.local").roles("ADMIN")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(csv).contains(",lead");
	}

	@Test
	void noRewardWithoutTheSettingAClickOrANewContact() throws Exception {
		// a bare partner code is no click
		String coded = unique("coded") + "@lead.example.com";
		form(coded, "Cody", this.partner.code());
		OptInLinks.confirm(this.mvc, this.jdbc, this.clock, coded).andExpect(status().isOk());
		assertThat(this.contacts.findByEmail(coded)).isPresent();
		assertThat(leadRows(coded)).isEmpty();
		// an existing contact is no new lead
		String known = unique("known") + "@lead.example.com";
		this.contactService.create(known, "Kim", "Known");
		form(known, "Kim", click());
		OptInLinks.confirm(this.mvc, this.jdbc, this.clock, known).andExpect(status().isOk());
		assertThat(this.contacts.findByEmail(known).orElseThrow().lastReferrerId()).isEqualTo(this.partner.id());
		assertThat(leadRows(known)).isEmpty();
		// the setting off (its default)
		this.leadRewards.setLeadReward(this.program.id(), null);
		assertThat(this.leadRewards.leadReward(this.program.id())).isEmpty();
		String off = unique("off") + "@lead.example.com";
		form(off, "Otto", click());
		OptInLinks.confirm(this.mvc, this.jdbc, this.clock, off).andExpect(status().isOk());
		assertThat(this.contacts.findByEmail(off).orElseThrow().firstReferrerId()).isEqualTo(this.partner.id());
		assertThat(leadRows(off)).isEmpty();
	}

	@Test
	void aLeadWithThePartnersOwnPayoutEmailIsHeld() throws Exception {
		HoldRules.Settings before = this.holdRules.current();
		this.holdRules.save(new HoldRules.Settings(true, before.maxOrdersPerIpPerDay(), before.minSecondsAfterClick()),
				"test");
		try {
			String email = this.partner.payoutEmail().toUpperCase();
			form(email, "Self", click());
			OptInLinks.confirm(this.mvc, this.jdbc, this.clock, email).andExpect(status().isOk());
			assertThat(leadRows(email)).singleElement()
				.satisfies(row -> assertThat(row.get("status")).isEqualTo("held"));
		}
		finally {
			this.holdRules.save(before, "test");
		}
	}

	@Test
	void twoConfirmationsAtOnceMakeOneReward() throws Exception {
		String email = unique("twice") + "@lead.example.com";
		form(email, "Tess", click());
		String first = OptInLinks.latestToken(this.jdbc, email).orElseThrow();
		this.clock.advance(Duration.ofMinutes(61));
		form(email, "Tess", this.tokens.issue(this.partner.id(), Instant.now().plusSeconds(1), null));
		String second = OptInLinks.latestToken(this.jdbc, email).orElseThrow();
		assertThat(second).isNotEqualTo(first);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Boolean>> done = new ArrayList<>();
			for (String token : List.of(first, second)) {
				done.add(pool.submit(() -> {
					start.await();
					return this.optIns.confirm(token).isPresent();
				}));
			}
			start.countDown();
			for (Future<Boolean> one : done) {
				assertThat(one.get(30, TimeUnit.SECONDS)).isTrue();
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(leadRows(email)).hasSize(1);

		// and the reward itself, called at once from many threads for one new contact
		long contact = this.contactService.create(unique("direct") + "@lead.example.com", "Dee", "Direct").id();
		int threads = 6;
		ExecutorService many = Executors.newFixedThreadPool(threads);
		CountDownLatch go = new CountDownLatch(1);
		try {
			List<Future<Boolean>> made = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				made.add(many.submit(() -> {
					go.await();
					return this.commissions.rewardLead(contact, this.partner.id(), this.program.id()).isPresent();
				}));
			}
			go.countDown();
			int created = 0;
			for (Future<Boolean> one : made) {
				created += one.get(30, TimeUnit.SECONDS) ? 1 : 0;
			}
			assertThat(created).isEqualTo(1);
		}
		finally {
			many.shutdownNow();
		}
		assertThat(this.jdbc.sql("select count(*) from commission where kind = 'lead' and contact_id = :c")
			.param("c", contact)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void anUnpaidLeadMarkedInvalidIsDeclinedWithTheNoteAudited() throws Exception {
		String email = unique("fake") + "@lead.example.com";
		form(email, "Fay", click());
		OptInLinks.confirm(this.mvc, this.jdbc, this.clock, email).andExpect(status().isOk());
		long id = leadOf(email);
		var admin = user("admin@test.local").roles("ADMIN");
		// a note is required
		this.mvc.perform(post("/admin/commissions/{id}/invalid-lead", id).with(admin).with(csrf()).param("note", " "))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("error", containsString("invalid")));
		assertThat(leadRows(email).get(0).get("status")).isEqualTo("pending");
		this.mvc
			.perform(post("/admin/commissions/{id}/invalid-lead", id).with(admin)
				.with(csrf())
				.param("note", "disposable address"))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("message", containsString("declined")));
		assertThat(leadRows(email).get(0).get("status")).isEqualTo("declined");
		assertThat(this.jdbc.sql("""
				select detail from audit_entry where action = 'commission.lead-invalid' and subject_id = :id
				""").param("id", String.valueOf(id)).query(String.class).single()).contains("disposable address");
		// twice: a message, nothing more
		this.mvc
			.perform(post("/admin/commissions/{id}/invalid-lead", id).with(admin).with(csrf()).param("note", "again"))
			.andExpect(flash().attribute("error", containsString("declined already")));
		// a sale commission is no lead
		this.mvc.perform(
				post("/admin/commissions/{id}/invalid-lead", 999_999_999L).with(admin).with(csrf()).param("note", "x"))
			.andExpect(flash().attribute("error", containsString("No lead reward")));
	}

	@Test
	void aPaidLeadMarkedInvalidIsClawedBackOnce() throws Exception {
		String email = unique("paid") + "@lead.example.com";
		form(email, "Pam", click());
		OptInLinks.confirm(this.mvc, this.jdbc, this.clock, email).andExpect(status().isOk());
		long id = leadOf(email);
		this.f.post("/api/v1/commissions/approve", "{\"ids\": [" + id + "]}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.changed").value(1));
		MvcResult batch = this.f.post("/api/v1/payouts", "{\"program\": \"" + this.program.name() + "\"}")
			.andExpect(status().isCreated())
			.andReturn();
		Integer batchId = read(batch, "$.id");
		this.f.post("/api/v1/payouts/" + batchId + "/paid", "{}").andExpect(status().isOk());
		assertThat(leadRows(email).get(0).get("status")).isEqualTo("paid");

		CommissionLine clawback = this.commissions.markLeadInvalid(id, "bought list");
		assertThat(clawback.amount()).isEqualByComparingTo("-5.00");
		assertThat(clawback.status()).isEqualTo(CommissionStatus.APPROVED);
		assertThat(clawback.clawbackOf()).isEqualTo(id);
		assertThat(this.jdbc.sql("select kind from commission where id = :id")
			.param("id", clawback.id())
			.query(String.class)
			.single()).isEqualTo("lead");
		assertThat(leadRows(email).get(0).get("status")).isEqualTo("paid");
		var admin = user("admin@test.local").roles("ADMIN");
		this.mvc
			.perform(post("/admin/commissions/{id}/invalid-lead", id).with(admin).with(csrf()).param("note", "again"))
			.andExpect(flash().attribute("error", containsString("clawed back before")));
		assertThat(this.jdbc.sql("select count(*) from commission where clawback_of = :id")
			.param("id", id)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aNewContactTheApiReceivesWithAReferralIsALeadOnceAndAnExistingOneIsNot() throws Exception {
		String email = unique("api-lead") + "@leads.example.com";
		String body = "{\"email\": \"" + email + "\", \"firstName\": \"Api\", \"referral\": \"" + this.partner.code()
				+ "\"}";
		this.mvc
			.perform(post("/api/v1/contacts").header("Authorization", IntegrationTest.BEARER)
				.contentType("application/json")
				.content(body))
			.andExpect(status().isCreated());
		org.awaitility.Awaitility.await("the lead reward")
			.atMost(java.time.Duration.ofSeconds(30))
			.until(() -> leadRows(email).size() == 1);
		assertThat(leadRows(email).get(0)).containsEntry("status", "pending")
			.containsEntry("partner_id", this.partner.id())
			.containsEntry("amount", new BigDecimal("5.00"));
		// the same contact again (an update, 200): no second lead
		this.mvc
			.perform(post("/api/v1/contacts").header("Authorization", IntegrationTest.BEARER)
				.contentType("application/json")
				.content(body))
			.andExpect(status().isOk());
		// an existing contact referred through the API is no new lead
		String existing = unique("known") + "@leads.example.com";
		this.contactService.create(existing, "Known", "Contact");
		this.mvc
			.perform(post("/api/v1/contacts").header("Authorization", IntegrationTest.BEARER)
				.contentType("application/json")
				.content("{\"email\": \"" + existing + "\", \"referral\": \"" + this.partner.code() + "\"}"))
			.andExpect(status().isOk());
		awaitIdleListeners();
		assertThat(leadRows(email)).hasSize(1);
		assertThat(leadRows(existing)).isEmpty();
	}

	/** The lead listener has handled what was published so far. */
	private void awaitIdleListeners() {
		org.awaitility.Awaitility.await("listeners done")
			.atMost(java.time.Duration.ofSeconds(30))
			.until(() -> this.jdbc.sql("""
					select count(*) from event_publication
					where listener_id = 'commissions.lead-from-api' and completion_date is null
					""").query(Long.class).single() == 0);
	}

	@Test
	void theProgramApiAndFormSetTheLeadReward() throws Exception {
		this.mvc
			.perform(
					get("/api/v1/programs/{name}", this.program.name()).header("Authorization", IntegrationTest.BEARER))
			.andExpect(jsonPath("$.leadReward").value("5.00"));
		this.mvc
			.perform(put("/api/v1/programs/{name}", this.program.name()).header("Authorization", IntegrationTest.BEARER)
				.contentType("application/json")
				.content("{\"name\": \"" + this.program.name() + "\", \"landingUrl\": \"https://shop.example.com\", "
						+ "\"currency\": \"USD\", \"firstTierRate\": {\"type\": \"percent\", \"value\": \"10\"}, "
						+ "\"leadReward\": \"2.5\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.leadReward").value("2.50"));
		assertThat(this.leadRewards.leadReward(this.program.id()))
			.hasValueSatisfying(amount -> assertThat(amount).isEqualByComparingTo("2.50"));
		this.mvc
			.perform(put("/api/v1/programs/{name}", this.program.name()).header("Authorization", IntegrationTest.BEARER)
				.contentType("application/json")
				.content("{\"name\": \"" + this.program.name() + "\", \"landingUrl\": \"https://shop.example.com\", "
						+ "\"currency\": \"USD\", \"firstTierRate\": {\"type\": \"percent\", \"value\": \"10\"}, "
						+ "\"leadReward\": \"-1\"}"))
			.andExpect(status().isBadRequest());
		this.mvc
			.perform(get("/admin/programs/{id}/edit", this.program.id()).with(user("admin@test.local").roles("ADMIN")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Pay a fixed amount per qualified lead")))
			.andExpect(content().string(containsString("value=\"2.50\"")));
	}

}
