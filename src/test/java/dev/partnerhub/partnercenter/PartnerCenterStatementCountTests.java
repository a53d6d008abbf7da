package dev.partnerhub.partnercenter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.partnercenter.PartnerCenterFixtures.Partner;
import dev.partnerhub.partnercenter.PartnerCenterFixtures.Sale;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.tracking.domain.ClickRecorder;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static dev.partnerhub.partnercenter.PartnerCenterFixtures.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * No N+1: every partner-center page runs the same small number of SQL statements for a partner with 3 rows as for
 * one with 60 (sales, contacts, clicks, commissions, open orders, tier-2 partners).
 */
@IntegrationTest
class PartnerCenterStatementCountTests {

	/** The most statements any default page may run (transaction statements and the login lookup included). */
	static final int MAX_STATEMENTS = 16;

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

	@Test
	void everyPageRunsAFixedSmallNumberOfStatementsWhateverTheRows() throws Exception {
		PartnerCenterFixtures fixtures = new PartnerCenterFixtures(this.programs, this.partners, this.contacts,
				this.mvc, this.jdbc, this.recorder);
		Partner small = seeded(fixtures, 3);
		Partner large = seeded(fixtures, 60);
		fixtures.tool("link", PartnerCenterFixtures.unique("Link "), null);
		fixtures.tool("email", PartnerCenterFixtures.unique("Swipe "), "{{partner.link}}");

		Map<String, int[]> counts = new LinkedHashMap<>();
		for (String page : PartnerCenterIsolationTests.PAGES) {
			counts.put(page, new int[] { statements(page, small), statements(page, large) });
		}
		for (String csv : PartnerCenterIsolationTests.CSVS) {
			counts.put(csv, new int[] { statements(csv, small), statements(csv, large) });
		}
		counts.forEach((page, n) -> System.out.println("statements " + page + ": " + n[0] + " / " + n[1]));
		counts.forEach((page, n) -> {
			assertThat(n[1]).as(page + " with 60 rows vs 3").isEqualTo(n[0]);
			assertThat(n[0]).as(page).isBetween(1, MAX_STATEMENTS);
		});
	}

	/**
	 * Once to warm up, then the fewest of three counted runs: programs and settings sit in a short-lived cache whose
	 * expiry may fall into one run and add its reload; the fewest is the page's own statements.
	 */
	private int statements(String url, Partner partner) throws Exception {
		this.mvc.perform(get(url).with(user(partner.email()).roles("PARTNER"))).andExpect(status().isOk());
		int fewest = Integer.MAX_VALUE;
		for (int i = 0; i < 3; i++) {
			fewest = Math.min(fewest, SqlStatements.count(() -> this.mvc
				.perform(get(url).with(user(partner.email()).roles("PARTNER")))
				.andExpect(status().isOk())));
		}
		return fewest;
	}

	/** A partner with n sales (n buyers, n commissions, one open order), n clicks, a payment and n/3+1 sub-partners. */
	private Partner seeded(PartnerCenterFixtures fixtures, int n) throws Exception {
		Partner partner = fixtures.partner("Count");
		for (int i = 0; i < n; i++) {
			Sale sale = fixtures.sale(partner, fixtures.product, "Buyer", daysAgo(i % 20), i == 0);
			fixtures.click(partner, daysAgo(i % 20), false, null, "sub" + (i % 5));
			if (i % 2 == 0) {
				fixtures.setStatus(sale.commissionId(), "approved", null);
			}
		}
		for (int i = 0; i < n / 3 + 1; i++) {
			fixtures.partner("Kid", PartnerStatus.APPROVED, partner.summary());
		}
		return partner;
	}

}
