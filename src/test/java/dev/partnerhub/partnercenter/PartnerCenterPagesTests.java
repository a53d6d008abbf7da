package dev.partnerhub.partnercenter;

import java.time.LocalDate;
import java.util.List;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.partnercenter.PartnerCenterFixtures.Partner;
import dev.partnerhub.partnercenter.PartnerCenterFixtures.Sale;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static dev.partnerhub.partnercenter.PartnerCenterFixtures.daysAgo;
import static dev.partnerhub.partnercenter.PartnerCenterFixtures.today;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Every default page with hand-computed figures for one partner. */
@IntegrationTest
class PartnerCenterPagesTests {

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
	dev.partnerhub.tracking.domain.ClickRecorder recorder;

	PartnerCenterFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.fixtures = new PartnerCenterFixtures(this.programs, this.partners, this.contacts, this.mvc, this.jdbc,
				this.recorder);
	}

	static RequestPostProcessor as(Partner partner) {
		return user(partner.email()).roles("PARTNER");
	}

	@Test
	void dashboardShowsTheFiguresAndTheChartOfTheRange() throws Exception {
		Partner jane = this.fixtures.partner("Jane");
		// 4 human clicks 2 days ago, 1 robot click, 1 click 40 days ago (outside the 30
		// days)
		for (int i = 0; i < 4; i++) {
			this.fixtures.click(jane, daysAgo(2), false, null, null);
		}
		this.fixtures.click(jane, daysAgo(2), true, null, null);
		this.fixtures.click(jane, daysAgo(40), false, null, null);
		this.fixtures.sale(jane, "Ann", daysAgo(2));
		Sale older = this.fixtures.sale(jane, "Bob", daysAgo(10));
		Sale paid = this.fixtures.sale(jane, "Cid", daysAgo(20));
		this.fixtures.sale(jane, "Dee", daysAgo(45));
		this.fixtures.setStatus(older.commissionId(), "approved", null);
		this.fixtures.setStatus(paid.commissionId(), "paid", daysAgo(1));

		// last 30 days: 4 clicks, 4 contacts added today, 3 sales, 3/4 = 75.0 %; 10.00
		// pending/approved/paid each
		Html page = Html
			.of(this.mvc.perform(get("/partner").param("days", "30").with(as(jane))).andExpect(status().isOk()));
		assertThat(page.text("#fig-clicks")).isEqualTo("4");
		assertThat(page.text("#fig-leads")).isEqualTo("4");
		assertThat(page.text("#fig-sales")).isEqualTo("3");
		assertThat(page.text("#fig-conversion")).isEqualTo("75.0 %");
		assertThat(page.text("#earnings-pending")).isEqualTo("10.00");
		assertThat(page.text("#earnings-approved")).isEqualTo("10.00");
		assertThat(page.text("#earnings-paid")).isEqualTo("10.00");
		// next payment: his approved balance not yet in a batch
		assertThat(page.text("#next-payment")).startsWith("10.00 USD on");
		// 30 daily bars, three of them 10.00
		List<List<String>> buckets = page.rows("#earnings-per-bucket");
		assertThat(buckets).hasSize(30);
		assertThat(buckets).contains(List.of(today().minusDays(2).toString(), "10.00"),
				List.of(today().minusDays(10).toString(), "10.00"), List.of(today().minusDays(20).toString(), "10.00"),
				List.of(today().minusDays(3).toString(), "0.00"));
		assertThat(buckets.get(0).get(0)).isEqualTo(today().minusDays(29).toString());
		assertThat(page.text("#chart-summary")).startsWith("30.00 USD");
		assertThat(page.count("#earnings-chart rect.bar")).isEqualTo(30);
		assertThat(page.text("#partner-name")).isEqualTo("Jane Partner");

		// from/to: only the last 3 days: 4 clicks, 1 sale = 25.0 %, 10.00 pending only
		LocalDate from = today().minusDays(3);
		page = Html.of(this.mvc
			.perform(get("/partner").param("from", from.toString()).param("to", today().toString()).with(as(jane))));
		assertThat(page.text("#fig-sales")).isEqualTo("1");
		assertThat(page.text("#fig-conversion")).isEqualTo("25.0 %");
		assertThat(page.text("#earnings-pending")).isEqualTo("10.00");
		assertThat(page.text("#earnings-approved")).isEqualTo("0.00");
		assertThat(page.rows("#earnings-per-bucket")).hasSize(4);
		assertThat(page.value("input#from")).isEqualTo(from.toString());

		// a year: weekly buckets starting on Mondays, every sale counted
		page = Html.of(this.mvc.perform(get("/partner").param("from", today().minusDays(364).toString())
			.param("to", today().toString())
			.with(as(jane))));
		assertThat(page.text("#fig-sales")).isEqualTo("4");
		assertThat(page.text("#earnings-chart figcaption")).isEqualTo("Earnings per week");
		assertThat(page.text("#chart-summary")).startsWith("40.00 USD");
		assertThat(LocalDate.parse(page.rows("#earnings-per-bucket").get(0).get(0)).getDayOfWeek())
			.isEqualTo(java.time.DayOfWeek.MONDAY);

		// bad dates never fail the page
		page = Html
			.of(this.mvc.perform(get("/partner").param("from", "yesterday").param("to", "2026-02-30").with(as(jane)))
				.andExpect(status().isOk()));
		assertThat(page.has("#range-problems")).isTrue();
	}

	@Test
	void anEmptyDashboardSaysWhatToDoNext() throws Exception {
		Partner nobody = this.fixtures.partner("Newbie");
		Html page = Html.of(this.mvc.perform(get("/partner").with(as(nobody))).andExpect(status().isOk()));
		assertThat(page.source()).contains("Share your link to get your first referral");
		assertThat(page.text("#fig-conversion")).isEqualTo("–");
		assertThat(page.value("#empty-link")).endsWith("/r/" + nobody.code());
	}

	@Test
	void referralsListFirstAndLastReferredContactsNewestFirstWithMaskedEmailsAndOrderStatus() throws Exception {
		Partner jane = this.fixtures.partner("Jane");
		Partner other = this.fixtures.partner("Olga");
		Sale ann = this.fixtures.sale(jane, "Ann", daysAgo(3));
		this.fixtures.sale(jane, this.fixtures.product, "Bea", daysAgo(1), true);
		// Ann buys again through Olga: Olga becomes her last referrer, Jane stays her
		// first
		this.mvc.perform(post("/api/v1/orders").header("Authorization", IntegrationTest.BEARER)
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"orderId": "%s", "email": "%s", "referral": "%s", "currency": "USD",
					 "items": [{"sku": "%s", "quantity": 1, "unitPrice": "100.00"}]}
					""".formatted(PartnerCenterFixtures.unique("pco-"), ann.buyerEmail(), other.code(),
					this.fixtures.product.sku())))
			.andExpect(status().isCreated());

		String masked = ann.buyerEmail().charAt(0) + "***@customers.example.com";
		Html page = Html.of(this.mvc.perform(get("/partner/referrals").param("by", "first").with(as(jane)))
			.andExpect(status().isOk()));
		// newest first: Bea was added after Ann
		assertThat(page.rows("#referrals")).hasSize(2);
		assertThat(page.rows("#referrals").get(0)).element(0).isEqualTo("Bea Buyer");
		assertThat(page.rows("#referrals").get(0)).element(3).isEqualTo("1 order, 1 open");
		assertThat(page.rows("#referrals").get(1)).containsExactly("Ann Buyer", masked, today().toString(), "2 orders");
		assertThat(page.source()).doesNotContain(ann.buyerEmail());

		page = Html.of(this.mvc.perform(get("/partner/referrals").param("by", "last").with(as(jane))));
		assertThat(page.rows("#referrals")).extracting(r -> r.get(0)).containsExactly("Bea Buyer");
		page = Html.of(this.mvc.perform(get("/partner/referrals").param("by", "last").with(as(other))));
		assertThat(page.rows("#referrals")).extracting(r -> r.get(0)).containsExactly("Ann Buyer");
		// sorted by name, one per page
		page = Html.of(this.mvc.perform(get("/partner/referrals").param("by", "first")
			.param("sort", "name,asc")
			.param("size", "1")
			.with(as(jane))));
		assertThat(page.rows("#referrals")).extracting(r -> r.get(0)).containsExactly("Ann Buyer");
		assertThat(page.source()).contains("Showing 1–1 of 2");
		page = Html.of(this.mvc.perform(get("/partner/referrals/" + ann.contactId()).with(as(jane)))
			.andExpect(status().isOk()));
		assertThat(page.source()).contains(masked).doesNotContain(ann.buyerEmail());
	}

	@Test
	void commissionTabsPendingWithTotalHistoryByDatePaidProductAndOpenOrders() throws Exception {
		Partner jane = this.fixtures.partner("Jane");
		Sale a = this.fixtures.sale(jane, "Ann", daysAgo(5));
		Sale b = this.fixtures.sale(jane, this.fixtures.other, "Bob", daysAgo(4), false);
		Sale c = this.fixtures.sale(jane, "Cid", daysAgo(3));
		this.fixtures.sale(jane, this.fixtures.product, "Dan", daysAgo(2), true);
		Sale e = this.fixtures.sale(jane, "Eve", daysAgo(60));
		this.fixtures.setStatus(a.commissionId(), "paid", daysAgo(1));
		this.fixtures.setStatus(c.commissionId(), "paid", daysAgo(2));
		this.fixtures.setStatus(e.commissionId(), "paid", daysAgo(0));

		// pending: Bob's and Dan's, 20.00 in total, newest first
		Html page = Html.of(this.mvc.perform(get("/partner/commissions").with(as(jane))).andExpect(status().isOk()));
		assertThat(page.text("#total-pending")).isEqualTo("20.00 USD");
		assertThat(page.rows(".commission-table")).extracting(r -> r.get(2)).containsExactly("Dan Buyer", "Bob Buyer");
		assertThat(page.rows(".commission-table").get(0)).containsExactly(today().minusDays(2).toString(), "10.00 USD",
				"Dan Buyer", this.fixtures.product.name(), "1", "pending");
		// history: paid, by date paid, newest first
		page = Html.of(this.mvc.perform(get("/partner/commissions").param("tab", "history").with(as(jane))));
		assertThat(page.rows(".commission-table")).extracting(r -> r.get(2))
			.containsExactly("Eve Buyer", "Ann Buyer", "Cid Buyer");
		// a product in the last 30 days: the course sold 3 times recently (Eve's is 60
		// days old), the e-book once
		page = Html.of(this.mvc.perform(get("/partner/commissions").param("tab", "product")
			.param("product", String.valueOf(this.fixtures.product.id()))
			.with(as(jane))));
		assertThat(page.rows(".commission-table")).hasSize(3);
		assertThat(page.count("select#product option")).isEqualTo(3);
		page = Html.of(this.mvc.perform(get("/partner/commissions").param("tab", "product")
			.param("product", String.valueOf(this.fixtures.other.id()))
			.with(as(jane))));
		assertThat(page.rows(".commission-table")).extracting(r -> r.get(2)).containsExactly("Bob Buyer");
		// active referred open orders: Dan's recurring order
		page = Html.of(this.mvc.perform(get("/partner/commissions").param("tab", "open").with(as(jane))));
		assertThat(page.rows("#open-orders")).hasSize(1);
		assertThat(page.rows("#open-orders").get(0)).element(1).isEqualTo("Dan Buyer");
		assertThat(page.rows("#open-orders").get(0)).element(3).isEqualTo("100.00 USD");
		// sort by date ascending
		page = Html.of(this.mvc.perform(get("/partner/commissions").param("sort", "date,asc").with(as(jane))));
		assertThat(page.rows(".commission-table")).extracting(r -> r.get(2)).containsExactly("Bob Buyer", "Dan Buyer");
		// the history as CSV, same order
		String csv = this.mvc.perform(get("/partner/commissions.csv").param("tab", "history").with(as(jane)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(csv.lines().skip(1).map(l -> l.split(",")[4])).containsExactly("Eve Buyer", "Ann Buyer",
				"Cid Buyer");
		page = Html.of(this.mvc.perform(get("/partner/commissions/" + b.commissionId()).with(as(jane)))
			.andExpect(status().isOk()));
		assertThat(page.text("#commission-detail")).contains("Bob Buyer");
	}

	@Test
	void earningsListCommissionsRefundsAndPaymentsEachAsCsv() throws Exception {
		Partner jane = this.fixtures.partner("Jane");
		this.fixtures.sale(jane, "Ann", daysAgo(5));
		Sale b = this.fixtures.sale(jane, "Bob", daysAgo(4));
		long item = this.fixtures.pay(jane);
		// after the payment Bob's order is refunded: a clawback of -10.00; Cid's unpaid
		// order refunded: refunded
		Sale c = this.fixtures.sale(jane, "Cid", daysAgo(3));
		refund(b.orderId());
		refund(c.orderId());

		Html page = Html.of(this.mvc.perform(get("/partner/earnings").with(as(jane))).andExpect(status().isOk()));
		assertThat(page.rows(".commission-table")).hasSize(2);
		page = Html.of(this.mvc.perform(get("/partner/earnings").param("tab", "refunds").with(as(jane))));
		assertThat(page.rows(".commission-table")).hasSize(2);
		assertThat(page.rows(".commission-table")).extracting(r -> r.get(1))
			.containsExactlyInAnyOrder("-10.00 USD", "10.00 USD");
		page = Html.of(this.mvc.perform(get("/partner/earnings").param("tab", "payments").with(as(jane))));
		assertThat(page.rows("#payments")).hasSize(1);
		assertThat(page.rows("#payments").get(0)).element(1).isEqualTo("20.00 USD");
		page = Html
			.of(this.mvc.perform(get("/partner/earnings/payments/" + item).with(as(jane))).andExpect(status().isOk()));
		assertThat(page.rows("#payment-commissions")).hasSize(2);

		String payments = csv("/partner/earnings.csv?tab=payments", jane);
		assertThat(payments.lines()).hasSize(2);
		assertThat(payments.lines().skip(1).findFirst().orElseThrow()).startsWith(item + ",").contains(",20.00,USD,");
		String refunds = csv("/partner/earnings.csv?tab=refunds", jane);
		assertThat(refunds.lines().skip(1)).hasSize(2)
			.anyMatch(l -> l.contains(",-10.00,") && l.endsWith(",yes"))
			.anyMatch(l -> l.contains(",refunded,"));
		String earned = csv("/partner/earnings.csv", jane);
		assertThat(earned.lines().skip(1)).hasSize(2).allMatch(l -> l.contains(",paid,"));
	}

	@Test
	void reportsGroupClicksLeadsSalesAndEarningsByPromoToolAndSubId() throws Exception {
		Partner jane = this.fixtures.partner("Jane");
		String bannerName = PartnerCenterFixtures.unique("Spring banner ");
		long banner = this.fixtures.tool("banner", bannerName, null);
		// a real tracked click: /r/ records it with the tool and SubID; the buyer arrives
		// with its token
		String location = this.mvc
			.perform(get("/r/" + jane.code()).param("tool", String.valueOf(banner))
				.param("sub", "newsletter")
				.header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0"))
			.andExpect(status().isFound())
			.andReturn()
			.getResponse()
			.getHeader("Location");
		String token = location.substring(location.indexOf("ref=") + 4);
		this.fixtures.flushClicks();
		this.fixtures.click(jane, daysAgo(1), false, banner, "newsletter");
		this.fixtures.click(jane, daysAgo(1), false, null, null);
		this.fixtures.saleWithReferral(token, "Ann", daysAgo(0));
		this.fixtures.sale(jane, "Bob", daysAgo(1));

		Html page = Html.of(this.mvc.perform(get("/partner/reports").with(as(jane))).andExpect(status().isOk()));
		// banner: 2 clicks, 1 lead, 1 sale = 50.0 %, 10.00; the plain link: 1 click, Bob
		// by code
		assertThat(page.rows("#report")).containsExactly(List.of(bannerName, "2", "1", "1", "50.0 %", "10.00 USD"),
				List.of("(no promo tool: plain link or code)", "1", "1", "1", "100.0 %", "10.00 USD"));
		assertThat(page.rows("#earnings-per-bucket")).hasSize(30);
		assertThat(csv("/partner/reports.csv?group=tool", jane).lines().skip(1)).containsExactly(
				bannerName + ",2,1,1,50.0,10.00,USD", "(no promo tool: plain link or code),1,1,1,100.0,10.00,USD");
		assertThat(csv("/partner/reports.csv?group=sub", jane).lines().skip(1))
			.containsExactly("newsletter,2,1,1,50.0,10.00,USD", "(no SubID),1,1,1,100.0,10.00,USD");
		// the report sorts by its column headers and pages; bad values fall back to the
		// default order / page
		String plain = "(no promo tool: plain link or code)";
		assertThat(page.document().select("#report th[aria-sort=descending]").text()).contains("Clicks");
		assertThat(page.document().select("#report th[aria-sort=none]")).hasSize(5);
		Html byClicks = Html.of(this.mvc.perform(get("/partner/reports").param("sort", "clicks,asc").with(as(jane))));
		assertThat(byClicks.rows("#report")).extracting(r -> r.get(0)).containsExactly(plain, bannerName);
		assertThat(byClicks.document().select("#report th[aria-sort=ascending]").text()).contains("Clicks");
		Html byLabel = Html.of(this.mvc.perform(get("/partner/reports").param("sort", "label,desc").with(as(jane))));
		assertThat(byLabel.rows("#report")).extracting(r -> r.get(0)).containsExactly(bannerName, plain);
		Html second = Html
			.of(this.mvc.perform(get("/partner/reports").param("size", "1").param("page", "1").with(as(jane))));
		assertThat(second.rows("#report")).extracting(r -> r.get(0)).containsExactly(plain);
		assertThat(second.text("nav[aria-label=Pages]")).contains("Showing 2–2 of 2");
		Html pastTheEnd = Html
			.of(this.mvc.perform(get("/partner/reports").param("size", "1").param("page", "50").with(as(jane)))
				.andExpect(status().isOk()));
		assertThat(pastTheEnd.rows("#report")).extracting(r -> r.get(0)).containsExactly(plain);
		Html bad = Html.of(
				this.mvc
					.perform(get("/partner/reports").param("sort", "drop table,up")
						.param("page", "x")
						.param("size", "-3")
						.with(as(jane)))
					.andExpect(status().isOk()));
		assertThat(bad.rows("#report")).extracting(r -> r.get(0)).containsExactly(bannerName, plain);
		assertThat(csv("/partner/reports.csv?group=tool&sort=clicks,asc", jane).lines().skip(1))
			.containsExactly(plain + ",1,1,1,100.0,10.00,USD", bannerName + ",2,1,1,50.0,10.00,USD");
		// a range without anything
		page = Html.of(this.mvc
			.perform(get("/partner/reports").param("from", "2020-01-01").param("to", "2020-01-31").with(as(jane))));
		assertThat(page.has("#report-empty")).isTrue();
	}

	@Test
	void promoToolsShowHisLinksGeneratorBannersSwipesAndSignUpLink() throws Exception {
		Partner jane = this.fixtures.partner("Jane");
		long link = this.fixtures.tool("link", PartnerCenterFixtures.unique("Spring sale "), null);
		long swipe = this.fixtures.tool("email", PartnerCenterFixtures.unique("Swipe "),
				"Hi, {{firstName}} recommends: {{referralLink}}");
		long box = this.fixtures.tool("lightbox", PartnerCenterFixtures.unique("Box "), null);
		Html page = Html.of(
				this.mvc
					.perform(get("/partner/promo-tools").param("tool", String.valueOf(link))
						.param("sub", "spring mail")
						.with(as(jane)))
					.andExpect(status().isOk()));
		String base = "http://localhost:8080/r/" + jane.code();
		assertThat(page.value("#generated-link")).isEqualTo(base + "?tool=" + link + "&sub=spring_mail");
		assertThat(page.has("#sub-changed")).isTrue();
		assertThat(page.value("#tracked-link")).isEqualTo(base);
		assertThat(page.value("#body-" + swipe)).isEqualTo("Hi, Jane recommends: " + base + "?tool=" + swipe);
		assertThat(page.value("#lightbox-" + box)).isEqualTo("<div>" + base + "?tool=" + box + "</div>");
		assertThat(page.value("#signup-link")).isEqualTo("http://localhost:8080/partners/signup/"
				+ this.programs.slugOf(this.fixtures.program.id()).orElseThrow() + "?ref=" + jane.code());
	}

	@Test
	void bannersComeWithEmbedCode() throws Exception {
		Partner jane = this.fixtures.partner("Jane");
		long banner = this.fixtures.tool("banner", PartnerCenterFixtures.unique("Banner "), null);
		this.jdbc.sql(
				"update promo_tool set image_content_type = 'image/png', alt_text = 'Spring \"sale\"', width = 468, height = 60 where id = :id")
			.param("id", banner)
			.update();
		Html page = Html.of(this.mvc.perform(get("/partner/promo-tools").with(as(jane))));
		assertThat(page.value("#embed-" + banner)).isEqualTo("<a href=\"http://localhost:8080/r/" + jane.code()
				+ "?tool=" + banner + "\"><img src=\"http://localhost:8080/promo/banners/" + banner
				+ "\" alt=\"Spring &quot;sale&quot;\" width=\"468\" height=\"60\"></a>");
	}

	@Test
	void networkListsHisTier2PartnersWithTheirSalesAndHisTier2Earnings() throws Exception {
		Partner jane = this.fixtures.partner("Jane");
		Partner kid = this.fixtures.partner("Kid", PartnerStatus.APPROVED, jane.summary());
		this.fixtures.partner("Pend", PartnerStatus.PENDING, jane.summary());
		this.fixtures.sale(kid, "Ann", daysAgo(1));
		this.fixtures.sale(kid, "Bob", daysAgo(1));
		Html page = Html.of(this.mvc.perform(get("/partner/network").with(as(jane))).andExpect(status().isOk()));
		assertThat(page.rows("#network")).hasSize(2);
		assertThat(page.rows("#network"))
			.anySatisfy(r -> assertThat(r).containsExactly("Kid Partner", today().toString(), "approved", "2"));
		assertThat(page.rows("#network")).anySatisfy(r -> assertThat(r).element(2).isEqualTo("pending"));
		// 5 % of 2 × 100.00
		assertThat(page.text("#tier2-earnings")).isEqualTo("pending: 10.00 USD");
		assertThat(page.source()).doesNotContain(kid.email());
	}

	@Test
	void aPendingOrSuspendedPartnerSeesHisStatusNotHisLinks() throws Exception {
		Partner pending = this.fixtures.partner("Pia", PartnerStatus.PENDING, null);
		for (String path : new String[] { "/partner", "/partner/promo-tools", "/partner/commissions",
				"/partner/referrals" }) {
			Html page = Html.of(this.mvc.perform(get(path).with(as(pending))).andExpect(status().isOk()));
			assertThat(page.text("#partner-status")).contains("waiting for approval");
			assertThat(page.source()).doesNotContain("/r/" + pending.code());
		}
		Partner suspended = this.fixtures.partner("Sue", PartnerStatus.SUSPENDED, null);
		assertThat(Html.of(this.mvc.perform(get("/partner").with(as(suspended)))).text("#partner-status"))
			.contains("suspended");
	}

	private String csv(String url, Partner partner) throws Exception {
		return this.mvc.perform(get(url).with(as(partner)))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/csv"))
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private void refund(String orderId) throws Exception {
		this.mvc
			.perform(post("/api/v1/orders/" + orderId + "/refunds").header("Authorization", IntegrationTest.BEARER)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"refundId\": \"" + PartnerCenterFixtures.unique("rf-") + "\"}"))
			.andExpect(status().is2xxSuccessful());
	}

}
