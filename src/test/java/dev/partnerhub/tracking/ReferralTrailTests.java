package dev.partnerhub.tracking;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.MutableClock;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.contacts.ReferralResolver;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.orders.OrderFixtures;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.tracking.domain.ClickTokens;
import dev.partnerhub.tracking.domain.PromoTool;
import dev.partnerhub.tracking.domain.PromoToolDraft;
import dev.partnerhub.tracking.domain.PromoToolKind;
import dev.partnerhub.tracking.domain.PromoToolService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The Referral info tab tells which click, promo tool and SubID (or which code) set the
 * first and last referrer.
 */
@IntegrationTest
class ReferralTrailTests {

	static final RequestPostProcessor ADMIN = user("admin@test.local").roles("ADMIN");

	@Autowired
	MockMvc mvc;

	@Autowired
	ProgramService programService;

	@Autowired
	PartnerService partnerService;

	@Autowired
	ContactApi contacts;

	@Autowired
	ClickTokens tokens;

	@Autowired
	PromoToolService tools;

	@Autowired
	ReferralResolver referrals;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	ContactService contactService;

	Fixtures fixtures;

	ProgramSummary program;

	PartnerSummary partner;

	PromoTool banner;

	@BeforeEach
	void setUp() {
		this.fixtures = new Fixtures(this.programService, this.partnerService, this.contacts);
		this.program = this.fixtures.program("https://shop.example.com/", 30);
		this.partner = this.fixtures.partner(this.program, PartnerStatus.APPROVED);
		this.banner = this.tools
			.create(new PromoToolDraft(PromoToolKind.LINK, this.program.id(), Fixtures.unique("Spring banner "),
					"https://shop.example.com/spring", null, null, null, null, null, null), null);
	}

	@Test
	void aClickTokenOptInShowsTheClickToolAndSubIdForFirstAndLast() throws Exception {
		Instant clickedAt = Instant.now().truncatedTo(ChronoUnit.MINUTES).minusSeconds(120);
		String token = flushedClick(clickedAt, "newsletter");
		ContactSummary contact = join(Fixtures.unique("vera") + "@test.local", token);

		Tab tab = tab(contact);
		String expected = "Click on " + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
			.withZone(java.time.ZoneOffset.UTC)
			.format(clickedAt) + " UTC · promo tool “" + this.banner.getName() + "” · SubID newsletter";
		assertThat(tab.text("first-trail")).contains(expected);
		assertThat(tab.text("last-trail")).contains(expected);
	}

	@Test
	void aLaterPartnerCodeBecomesTheLastStepWhileTheFirstStaysTheClick() throws Exception {
		PartnerSummary second = this.fixtures.partner(this.program, PartnerStatus.APPROVED);
		String email = Fixtures.unique("walt") + "@test.local";
		join(email, flushedClick(Instant.now(), "footer"));
		// A partner code is a referral only where the caller is authenticated (public
		// forms ignore it): the API.
		new OrderFixtures(this.programService, this.partnerService, this.contactService, this.mvc)
			.post("/api/v1/contacts", """
					{"email": "%s", "referral": "  %s "}""".formatted(email, second.code().toUpperCase()))
			.andExpect(status().is2xxSuccessful());
		ContactSummary contact = this.contacts.findByEmail(email).orElseThrow();
		assertThat(contact.lastReferrerId()).isEqualTo(second.id());

		Tab tab = tab(contact);
		assertThat(tab.text("first-trail")).contains(this.banner.getName()).contains("SubID footer");
		assertThat(tab.text("last-trail")).contains("Partner code " + second.code()).doesNotContain("Click on");
	}

	@Test
	void aManualChangeIsShownAsSetManually() throws Exception {
		PartnerSummary other = this.fixtures.partner(this.program, PartnerStatus.APPROVED);
		ContactSummary contact = join(Fixtures.unique("xena") + "@test.local", flushedClick(Instant.now(), null));
		this.mvc
			.perform(post("/admin/contacts/" + contact.id() + "/referral/last-referrer").param("code", other.code())
				.with(ADMIN)
				.with(csrf()))
			.andExpect(status().is3xxRedirection());

		Tab tab = tab(contact);
		assertThat(tab.text("first-trail")).contains("Click on").doesNotContain("SubID");
		assertThat(tab.text("last-trail")).contains("set manually");
	}

	@Test
	void anExpiredOrUnflushedClickIsStillDescribedThoughItCreditsNobody() {
		String expired = this.tokens.issue(this.partner.id(), Instant.now().minus(400, ChronoUnit.DAYS),
				this.banner.getId());
		assertThat(this.referrals.resolve(expired)).isEmpty();
		assertThat(this.referrals.describe(expired)).hasValueSatisfying(text -> assertThat(text).startsWith("Click on ")
			.contains(this.banner.getName())
			.doesNotContain("SubID"));
		assertThat(this.referrals.describe("not-a-token-" + Fixtures.unique("x"))).isEmpty();
	}

	@Test
	void theContactsApiAndOrdersKeepTheReferralTheyResolvedButTheApiDoesNotShowIt() throws Exception {
		OrderFixtures orders = new OrderFixtures(this.programService, this.partnerService, this.contactService,
				this.mvc);
		String email = Fixtures.unique("yann") + "@test.local";
		orders
			.post("/api/v1/contacts",
					"""
							{"email": "%s", "firstName": "Yann", "lastName": "Api", "referral": "%s"}"""
						.formatted(email, this.partner.code()))
			.andExpect(status().is2xxSuccessful());
		String token = flushedClick(Instant.now(), "cart");
		ProductSummary product = orders.product("10.00");
		orders
			.postOrder(OrderFixtures.order(Fixtures.unique("order-"), email, token,
					OrderFixtures.item(product.sku(), 1, "10.00")))
			.andExpect(status().is2xxSuccessful());

		ContactSummary contact = this.contacts.findByEmail(email).orElseThrow();
		Tab tab = tab(contact);
		assertThat(tab.text("first-trail")).contains("Partner code " + this.partner.code());
		assertThat(tab.text("last-trail")).contains("Click on").contains("SubID cart");
		String json = orders.get("/api/v1/contacts?email=" + email).andReturn().getResponse().getContentAsString();
		assertThat(json).contains("firstReferrer").doesNotContain("Referral\"").doesNotContain(token);
	}

	/**
	 * A click as the background writer stores it (the token carries partner, time and
	 * tool).
	 */
	private String flushedClick(Instant at, String subId) {
		String token = this.tokens.issue(this.partner.id(), at, this.banner.getId());
		this.jdbc.sql("""
				insert into click (token, partner_id, program_id, promo_tool_id, sub_id, clicked_at, landing_url)
				values (:token, :partner, :program, :tool, :sub, :at, 'https://shop.example.com/spring')""")
			.param("token", token)
			.param("partner", this.partner.id())
			.param("program", this.program.id())
			.param("tool", this.banner.getId())
			.param("sub", subId)
			.param("at", java.sql.Timestamp.from(at))
			.update();
		return token;
	}

	private ContactSummary join(String email, String referral) throws Exception {
		this.mvc.perform(post("/join").param("email", email).param("firstName", "Vera").param("referral", referral))
			.andExpect(status().isOk());
		OptInLinks.confirm(this.mvc, this.jdbc, this.clock, email).andExpect(status().isOk());
		return this.contacts.findByEmail(email).orElseThrow();
	}

	/**
	 * The rendered tab; {@code text(id)} is the text of the paragraph with that id (empty
	 * when absent).
	 */
	record Tab(String html) {

		String text(String id) {
			int start = this.html.indexOf("id=\"" + id + "\"");
			if (start < 0) {
				return "";
			}
			int end = this.html.indexOf("</p>", start);
			return this.html.substring(this.html.indexOf('>', start) + 1, end)
				.replaceAll("<[^>]+>", " ")
				.replaceAll("\\s+", " ")
				.strip();
		}

	}

	private Tab tab(ContactSummary contact) throws Exception {
		String html = this.mvc.perform(get("/admin/contacts/" + contact.id() + "/referral").with(ADMIN))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return new Tab(html);
	}

}
