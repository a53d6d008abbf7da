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
 * No N+1: every partner-center page runs the same small number of SQL statements for a
 * partner with 3 rows as for one with 60 (sales, contacts, clicks, commissions, open
 * orders, tier-2 partners).
 */
@IntegrationTest
class PartnerCenterStatementCountTests {

	/**
	 * The most statements any default page may run (transaction statements and the login
	 * lookup included).
	 */
	static final int MAX_STATEMENTS = 16;

	/**
	 * Default pages on a later page and in a partner-chosen order ("tables paginate and
	 * sort").
	 */
	static final List<String> PAGED_AND_SORTED = List.of("/partner/commissions?page=1&size=2&sort=amount,desc",
			"/partner/commissions?tab=history&sort=paid,asc", "/partner/commissions?tab=open&sort=total,desc",
			"/partner/referrals?by=first&page=1&size=2&sort=name,asc",
			"/partner/earnings?page=1&size=2&sort=status,asc", "/partner/earnings?tab=refunds&sort=amount,asc",
			"/partner/earnings?tab=payments&sort=amount,asc",
			"/partner/reports?group=sub&page=1&size=2&sort=clicks,asc", "/partner/reports?sort=earnings,desc",
			"/partner/network?page=1&size=1&sort=sales,desc", "/partner/commissions.csv?sort=amount,asc",
			"/partner/reports.csv?group=sub&sort=label,desc");

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
		fixtures.tool("email", PartnerCenterFixtures.unique("Swipe "), "{{referralLink}}");

		Map<String, int[]> counts = new LinkedHashMap<>();
		for (String page : PartnerCenterIsolationTests.PAGES) {
			counts.put(page, new int[] { statements(page, small), statements(page, large) });
		}
		// paged and sorted: the same statements as the first page in the default order
		for (String page : PAGED_AND_SORTED) {
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
	 * Once to warm up, then the fewest of three counted runs: programs and settings sit
	 * in a short-lived cache whose expiry may fall into one run and add its reload; the
	 * fewest is the page's own statements.
	 */
	private int statements(String url, Partner partner) throws Exception {
		this.mvc.perform(get(url).with(user(partner.email()).roles("PARTNER"))).andExpect(status().isOk());
		int fewest = Integer.MAX_VALUE;
		for (int i = 0; i < 3; i++) {
			fewest = Math.min(fewest,
					SqlStatements.count(() -> this.mvc.perform(get(url).with(user(partner.email()).roles("PARTNER")))
						.andExpect(status().isOk())));
		}
		return fewest;
	}

	/**
	 * A partner with n sales (n buyers, n commissions, one open order), n clicks, a
	 * payment and n/3+1 sub-partners.
	 */
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
