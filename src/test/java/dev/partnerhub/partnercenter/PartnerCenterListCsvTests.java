package dev.partnerhub.partnercenter;

import java.util.List;

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
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static dev.partnerhub.partnercenter.PartnerCenterFixtures.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The Referrals and Tier-2 partners lists export CSV like every other partner-center
 * list: only the logged-in partner's rows, e-mails masked as on the page (tier-2 partners
 * have none), formula-looking names kept as text, the page's sort order, and the page
 * links to the export.
 */
@IntegrationTest
class PartnerCenterListCsvTests {

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

	private static RequestPostProcessor as(Partner partner) {
		return user(partner.email()).roles("PARTNER");
	}

	private PartnerCenterFixtures fixtures() {
		return new PartnerCenterFixtures(this.programs, this.partners, this.contacts, this.mvc, this.jdbc,
				this.recorder);
	}

	@Test
	void referralsCsvHoldsOnlyHisContactsWithMaskedEmails() throws Exception {
		PartnerCenterFixtures fixtures = fixtures();
		Partner a = fixtures.partner("Alice");
		Partner b = fixtures.partner("Bruno");
		Sale older = fixtures.sale(a, "Annaolder", daysAgo(3));
		Sale newer = fixtures.sale(a, "Annanewer", daysAgo(1));
		Sale other = fixtures.sale(b, "Brunobuyer", daysAgo(1));

		MockHttpServletResponse response = csv("/partner/referrals.csv", a);
		assertThat(response.getContentType()).startsWith("text/csv");
		assertThat(response.getHeader("Content-Disposition")).contains("referrals-last.csv");
		List<String> lines = response.getContentAsString().lines().toList();
		assertThat(lines.get(0)).isEqualTo("Name,E-mail,Date added,Orders,Open orders");
		// newest first, as on the page; each e-mail masked exactly as the page shows it
		assertThat(lines).hasSize(3);
		assertThat(lines.get(1)).startsWith("Annanewer Buyer," + PartnerCenterQueriesMask.of(newer.buyerEmail()) + ",")
			.endsWith(",1,0");
		assertThat(lines.get(2)).startsWith("Annaolder Buyer," + PartnerCenterQueriesMask.of(older.buyerEmail()) + ",");
		String body = response.getContentAsString();
		assertThat(body).doesNotContain(newer.buyerEmail())
			.doesNotContain(older.buyerEmail())
			.doesNotContain("Brunobuyer")
			.doesNotContain(other.buyerEmail().substring(1));

		// the first-referrer tab and the page's sort order (oldest first here) keep the
		// same isolation
		List<String> oldestFirst = csv("/partner/referrals.csv?by=first&sort=date,asc", a).getContentAsString()
			.lines()
			.skip(1)
			.toList();
		assertThat(oldestFirst).hasSize(2);
		assertThat(oldestFirst.get(0)).startsWith("Annaolder");
		assertThat(csv("/partner/referrals.csv?by=first", a).getHeader("Content-Disposition"))
			.contains("referrals-first.csv");

		// B sees his one buyer only, whatever ids he adds to the URL
		String bBody = csv("/partner/referrals.csv?partner=" + a.id() + "&me=" + a.id(), b).getContentAsString();
		assertThat(bBody.lines().skip(1)).singleElement().asString().startsWith("Brunobuyer Buyer,");
		assertThat(bBody).doesNotContain("Anna");
	}

	@Test
	void networkCsvHoldsOnlyHisTierTwoPartnersWithoutEmails() throws Exception {
		PartnerCenterFixtures fixtures = fixtures();
		Partner a = fixtures.partner("Alice");
		Partner b = fixtures.partner("Bruno");
		Partner kid = fixtures.partner("Kidofalice", PartnerStatus.APPROVED, a.summary());
		fixtures.partner("Kidofbruno", PartnerStatus.PENDING, b.summary());
		fixtures.sale(kid, "Kidbuyer", daysAgo(1));

		MockHttpServletResponse response = csv("/partner/network.csv", a);
		assertThat(response.getHeader("Content-Disposition")).contains("tier-2-partners.csv");
		List<String> lines = response.getContentAsString().lines().toList();
		assertThat(lines.get(0)).isEqualTo("Name,Joined,Status,Sales");
		assertThat(lines).hasSize(2);
		assertThat(lines.get(1)).startsWith("Kidofalice Partner,").endsWith(",approved,1");
		assertThat(response.getContentAsString()).doesNotContain("@").doesNotContain("Kidofbruno");

		String bBody = csv("/partner/network.csv?partner=" + a.id(), b).getContentAsString();
		assertThat(bBody.lines().skip(1)).singleElement()
			.asString()
			.startsWith("Kidofbruno Partner,")
			.endsWith(",pending,0");
	}

	@Test
	void formulaLookingNamesStayText() throws Exception {
		PartnerCenterFixtures fixtures = fixtures();
		Partner a = fixtures.partner("Alice");
		Sale sale = fixtures.sale(a, "Evil", daysAgo(1));
		this.jdbc.sql(
				"update contact set first_name = '=HYPERLINK(\"https://evil.example\",\"x\")', last_name = '' where id = :id")
			.param("id", sale.contactId())
			.update();
		Partner kid = fixtures.partner("Kid", PartnerStatus.APPROVED, a.summary());
		this.jdbc.sql(
				"update contact set first_name = '+cmd|calc', last_name = '' where id = (select contact_id from partner where id = :id)")
			.param("id", kid.id())
			.update();

		String referrals = csv("/partner/referrals.csv", a).getContentAsString();
		assertThat(referrals.lines().skip(1)).singleElement()
			.asString()
			.startsWith("\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"x\"\")\",");
		String network = csv("/partner/network.csv", a).getContentAsString();
		assertThat(network.lines().skip(1)).singleElement().asString().startsWith("'+cmd|calc,");
	}

	@Test
	void thePagesLinkToTheirExportsAndOnlyPartnersGetThem() throws Exception {
		PartnerCenterFixtures fixtures = fixtures();
		Partner a = fixtures.partner("Alice");
		String referrals = this.mvc.perform(get("/partner/referrals?by=first").with(as(a)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(referrals).contains("id=\"referrals-csv\" href=\"/partner/referrals.csv?by=first\"");
		String network = this.mvc.perform(get("/partner/network").with(as(a)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(network).contains("id=\"network-csv\" href=\"/partner/network.csv\"");
		for (String url : List.of("/partner/referrals.csv", "/partner/network.csv")) {
			this.mvc.perform(get(url)).andExpect(redirectedUrl("/login"));
			this.mvc.perform(get(url).with(user("admin@test.local").roles("ADMIN"))).andExpect(status().isForbidden());
		}
	}

	private MockHttpServletResponse csv(String url, Partner partner) throws Exception {
		return this.mvc.perform(get(url).with(as(partner))).andExpect(status().isOk()).andReturn().getResponse();
	}

	/**
	 * The page's masking rule, spelled out here so the test does not just call the code
	 * it checks.
	 */
	static final class PartnerCenterQueriesMask {

		static String of(String email) {
			return email.charAt(0) + "***" + email.substring(email.indexOf('@'));
		}

	}

}
