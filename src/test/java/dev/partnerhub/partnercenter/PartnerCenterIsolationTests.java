package dev.partnerhub.partnercenter;

import java.util.List;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.partnercenter.PartnerCenterFixtures.Partner;
import dev.partnerhub.partnercenter.PartnerCenterFixtures.Sale;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.tracking.domain.ClickRecorder;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static dev.partnerhub.partnercenter.PartnerCenterFixtures.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A partner only ever sees his own rows: partner B tries every partner-center URL with
 * partner A's ids and finds nothing of A's; anonymous visitors are sent to the login
 * page; admins are refused.
 */
@IntegrationTest
class PartnerCenterIsolationTests {

	static final List<String> PAGES = List.of("/partner", "/partner/referrals", "/partner/referrals?by=first",
			"/partner/commissions", "/partner/commissions?tab=history", "/partner/commissions?tab=product",
			"/partner/commissions?tab=open", "/partner/earnings", "/partner/earnings?tab=refunds",
			"/partner/earnings?tab=payments", "/partner/reports", "/partner/reports?group=sub", "/partner/promo-tools",
			"/partner/network", "/partner/settings", "/partner/contests");

	static final List<String> CSVS = List.of("/partner/commissions.csv", "/partner/commissions.csv?tab=history",
			"/partner/commissions.csv?tab=product", "/partner/commissions.csv?tab=open", "/partner/earnings.csv",
			"/partner/earnings.csv?tab=refunds", "/partner/earnings.csv?tab=payments", "/partner/reports.csv",
			"/partner/reports.csv?group=sub", "/partner/referrals.csv", "/partner/referrals.csv?by=first",
			"/partner/network.csv");

	@Autowired
	MockMvc mvc;

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactService contacts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ClickRecorder recorder;

	static RequestPostProcessor as(Partner partner) {
		return user(partner.email()).roles("PARTNER");
	}

	@Test
	void partnerBNeverSeesPartnerAsRowsWhateverIdHePutsInTheUrl() throws Exception {
		PartnerCenterFixtures fixtures = new PartnerCenterFixtures(this.programs, this.partners, this.contacts,
				this.mvc, this.jdbc, this.recorder);
		Partner a = fixtures.partner("Alice");
		Partner b = fixtures.partner("Bruno");
		Sale paid = fixtures.sale(a, "Secretpaid", daysAgo(3));
		long item = fixtures.pay(a);
		Sale open = fixtures.sale(a, fixtures.product, "Secretopen", daysAgo(2), true);
		Sale pending = fixtures.sale(a, "Secretpending", daysAgo(1));
		fixtures.click(a, daysAgo(1), false, null, "secretsub");
		fixtures.partner("Secretkid", dev.partnerhub.partners.PartnerStatus.APPROVED, a.summary());
		fixtures.sale(b, "Brunobuyer", daysAgo(1));

		// A's ids in B's URLs: 404, nothing of A's in the body
		for (String url : List.of("/partner/commissions/" + paid.commissionId(),
				"/partner/commissions/" + pending.commissionId(), "/partner/commissions/" + open.commissionId(),
				"/partner/referrals/" + paid.contactId(), "/partner/referrals/" + open.contactId(),
				"/partner/earnings/payments/" + item, "/partner/commissions/not-a-number",
				"/partner/earnings/payments/-1")) {
			String body = this.mvc.perform(get(url).with(as(b)))
				.andExpect(status().isNotFound())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(body).doesNotContain("Secret");
		}
		// every page and CSV of B, even with A's ids as parameters, holds nothing of A's
		String aIds = "partner=" + a.id() + "&partnerId=" + a.id() + "&me=" + a.id() + "&product="
				+ fixtures.product.id();
		for (String url : concat(PAGES, CSVS)) {
			String withIds = url + (url.contains("?") ? "&" : "?") + aIds;
			String body = this.mvc.perform(get(withIds).with(as(b)))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(body).as(url).doesNotContain("Secret").doesNotContain("secretsub").doesNotContain(a.code());
		}
		// while A sees his own
		String aCsv = this.mvc.perform(get("/partner/commissions.csv").with(as(a)))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(aCsv).contains("Secretpending").doesNotContain("Brunobuyer");
		String bCsv = this.mvc.perform(get("/partner/commissions.csv").with(as(b)))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(bCsv.lines().skip(1)).hasSize(1).allMatch(l -> l.contains("Brunobuyer"));
		this.mvc.perform(get("/partner/earnings/payments/" + item).with(as(a))).andExpect(status().isOk());
		this.mvc.perform(get("/partner/referrals/" + paid.contactId()).with(as(a))).andExpect(status().isOk());
	}

	@Test
	void settingsCannotBeAimedAtAnotherPartner() throws Exception {
		PartnerCenterFixtures fixtures = new PartnerCenterFixtures(this.programs, this.partners, this.contacts,
				this.mvc, this.jdbc, this.recorder);
		Partner a = fixtures.partner("Alice");
		Partner b = fixtures.partner("Bruno");
		this.mvc
			.perform(post("/partner/settings").with(as(b))
				.with(csrf())
				.param("partnerId", String.valueOf(a.id()))
				.param("id", String.valueOf(a.id()))
				.param("payoutEmail", "bruno-new@paypal.example.com")
				.param("firstName", "Bruno")
				.param("lastName", "Partner"))
			.andExpect(status().is3xxRedirection());
		assertThat(payoutEmail(a)).isEqualTo(a.code() + "@paypal.example.com");
		assertThat(payoutEmail(b)).isEqualTo("bruno-new@paypal.example.com");
	}

	@Test
	void anonymousVisitorsGoToTheLoginPageAndAdminsAreRefused() throws Exception {
		for (String url : concat(PAGES, CSVS)) {
			this.mvc.perform(get(url)).andExpect(redirectedUrl("/login"));
			this.mvc.perform(get(url).with(user("admin@test.local").roles("ADMIN"))).andExpect(status().isForbidden());
		}
		this.mvc.perform(post("/partner/settings").with(csrf()).param("payoutEmail", "x@example.com"))
			.andExpect(redirectedUrl("/login"));
	}

	@Test
	void formsNeedTheCsrfToken() throws Exception {
		PartnerCenterFixtures fixtures = new PartnerCenterFixtures(this.programs, this.partners, this.contacts,
				this.mvc, this.jdbc, this.recorder);
		Partner a = fixtures.partner("Alice");
		this.mvc
			.perform(post("/partner/settings").with(as(a))
				.param("payoutEmail", "evil@paypal.example.com")
				.param("firstName", "Alice")
				.param("lastName", "Partner"))
			.andExpect(status().isForbidden());
		assertThat(payoutEmail(a)).isEqualTo(a.code() + "@paypal.example.com");
	}

	private String payoutEmail(Partner partner) {
		return this.jdbc.sql("select payout_email from partner where id = :id")
			.param("id", partner.id())
			.query(String.class)
			.single();
	}

	private static List<String> concat(List<String> a, List<String> b) {
		return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
	}

}
