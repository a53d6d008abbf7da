package dev.partnerhub.tracking;

import java.time.Duration;
import java.time.Instant;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.tracking.domain.ClickRecorder;
import dev.partnerhub.tracking.domain.ClickTokens;
import dev.partnerhub.tracking.domain.InstallCheck;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The Tracking page's install check: from the visits {@code t.js} reports, per sales
 * site, when it was last seen and whether a referral came back with an order.
 */
@IntegrationTest
class InstallCheckTests {

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
	ClickRecorder recorder;

	@Autowired
	InstallCheck check;

	@Test
	void aSiteIsShownInstalledWithItsLastVisitAndWhetherReferralsReachedForms() throws Exception {
		Fixtures fixtures = new Fixtures(this.programService, this.partnerService, this.contacts);
		PartnerSummary partner = fixtures.partner(fixtures.program("https://a.example.com/", 30),
				PartnerStatus.APPROVED);
		String host = Fixtures.unique("shop-").toLowerCase() + ".example.com";
		String token = this.tokens.issue(partner.id(), Instant.now(), null);
		this.mvc
			.perform(post("/t/visit").contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.content("ref=" + token + "&url=https%3A%2F%2F" + host + "%2Fpricing%3Fa%3D1"))
			.andExpect(status().isNoContent());
		this.recorder.flush();

		InstallCheck.Site site = this.check.sites()
			.stream()
			.filter(s -> s.host().equals(host))
			.findFirst()
			.orElseThrow();
		assertThat(site.origin()).isEqualTo("https://" + host);
		assertThat(site.visits()).isEqualTo(1);
		assertThat(site.referred()).isEqualTo(1);
		assertThat(site.reachedForms()).isZero();
		assertThat(site.lastSeenAgo()).isEqualTo("just now");
		this.mvc.perform(get("/admin/tracking").with(user("admin@test.local").roles("ADMIN")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(host)))
			.andExpect(content().string(containsString("/t.js&quot; async&gt;&lt;/script&gt;")));

		// the referral comes back with an order (the form's hidden "referral" field)
		ProductSummary product = this.programService.createProduct(Fixtures.unique("SKU-"), "P",
				new java.math.BigDecimal("10.00"), "USD");
		this.mvc
			.perform(post("/api/v1/orders").header("Authorization", IntegrationTest.BEARER)
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"orderId": "%s", "email": "%s@test.local", "referral": "%s", "currency": "USD",
						 "items": [{"sku": "%s", "quantity": 1, "unitPrice": "10.00"}]}
						""".formatted(Fixtures.unique("ic-"), Fixtures.unique("buyer"), token, product.sku())))
			.andExpect(status().isCreated());
		site = this.check.sites().stream().filter(s -> s.host().equals(host)).findFirst().orElseThrow();
		assertThat(site.reachedForms()).isEqualTo(1);
		this.mvc.perform(get("/admin/tracking").with(user("admin@test.local").roles("ADMIN")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("referrals reached forms")));
	}

	@Test
	void agesReadAsAPersonSaysThem() {
		assertThat(ago(Duration.ofSeconds(20))).isEqualTo("just now");
		assertThat(ago(Duration.ofSeconds(150))).isEqualTo("2 minutes ago");
		assertThat(ago(Duration.ofMinutes(61))).isEqualTo("1 hour ago");
		assertThat(ago(Duration.ofDays(3))).isEqualTo("3 days ago");
	}

	private static String ago(Duration age) {
		return InstallCheck.ago(age);
	}

}
