package dev.partnerhub.browser;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.orders.OrderApi;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.domain.Enrollment;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramDefinition;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * A partner's journey through the partner center: dashboard with his figures, a link with
 * a SubID from the link generator copied to the clipboard, the earnings CSV downloaded,
 * his payout e-mail changed. Every page visited is axe-checked and shot at desktop and
 * phone width (375 px) without horizontal overflow.
 */
class PartnerCenterBrowserTest extends BrowserTestSupport {

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactService contacts;

	@Autowired
	OrderApi orders;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aPartnerSeesHisFiguresCopiesALinkExportsEarningsAndChangesHisPayoutEmail() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var product = this.programs.createProduct("pcj-" + suffix, "Journey course", new BigDecimal("50.00"), "USD");
		ProgramSummary program = this.programs
			.createProgram(new ProgramDefinition("Center journey " + suffix, "https://shop.example.com/", 2, "USD",
					Rate.percent("20"), Rate.percent("5"), 30, null, BigDecimal.ZERO, true, null, null, List.of()));
		String code = "pcj" + suffix;
		String email = code + "@partners.example.com";
		long contactId = this.contacts.create(email, "Robin", "Journey").id();
		var partner = this.partners.enroll(new Enrollment(contactId, program.id(), code, PartnerStatus.APPROVED, null,
				"robin-" + suffix + "@paypal.example.com", "robin-password-1"));
		long tool = this.jdbc
			.sql("""
					insert into promo_tool (program_id, kind, name, landing_url) values (:p, 'link', :n, 'https://shop.example.com/spring')
					returning id
					""")
			.param("p", program.id())
			.param("n", "Spring sale " + suffix)
			.query(Long.class)
			.single();
		for (int i = 0; i < 3; i++) {
			this.orders.place(new OrderApi.NewOrder("pcj-" + suffix + "-" + i,
					"buyer" + i + "-" + suffix + "@customers.example.com", "Buyer", "No" + i, code, null, "USD", false,
					List.of(new OrderApi.Line(product.sku(), 1, new BigDecimal("50.00")))));
		}
		for (int i = 0; i < 4; i++) {
			this.jdbc.sql("""
					insert into click (token, partner_id, program_id, clicked_at, landing_url)
					values (:t, :p, :program, now(), 'https://shop.example.com/')
					""")
				.param("t", "pcj-" + suffix + "-" + i)
				.param("p", partner.id())
				.param("program", program.id())
				.update();
		}
		// 3 sales × 20 % of 50.00 = 30.00 pending; 4 clicks → 75.0 %
		this.context.grantPermissions(List.of("clipboard-read", "clipboard-write"));

		logIn(email, "robin-password-1");
		assertThat(this.page).hasURL(baseUrl() + "/partner");
		assertThat(this.page.locator("#fig-clicks")).hasText("4");
		assertThat(this.page.locator("#fig-sales")).hasText("3");
		assertThat(this.page.locator("#fig-conversion")).hasText("75.0 %");
		assertThat(this.page.locator("#earnings-pending")).hasText("30.00");
		assertThat(this.page.locator("#earnings-chart svg rect.bar")).hasCount(30);
		checkPage("partner-center-01-dashboard");
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Last 7 days").setExact(true)).click();
		assertThat(this.page.locator("#earnings-chart svg rect.bar")).hasCount(7);

		// link generator: a tool and a SubID → his link, copied to the clipboard
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Promo tools").setExact(true)).click();
		this.page.locator("#tool").selectOption(String.valueOf(tool));
		this.page.locator("#sub").fill("newsletter-nov");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Generate link").setExact(true))
			.click();
		String expected = "/r/" + code + "?tool=" + tool + "&sub=newsletter-nov";
		assertThat(this.page.locator("#generated-link")).hasValue(baseUrlOfLinks() + expected);
		this.page.locator("#link-generator")
			.getByRole(AriaRole.BUTTON,
					new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Copy").setExact(true))
			.click();
		Object clipboard = this.page.evaluate("() => navigator.clipboard.readText()");
		org.assertj.core.api.Assertions.assertThat(String.valueOf(clipboard)).endsWith(expected);
		checkPage("partner-center-02-promo-tools");

		// the earnings CSV
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Earnings").setExact(true)).click();
		assertThat(this.page.locator(".commission-table tbody tr")).hasCount(3);
		checkPage("partner-center-03-earnings");
		Download download = this.page.waitForDownload(() -> this.page.locator("#earnings-csv").click());
		String csv = Files.readString(download.path(), StandardCharsets.UTF_8);
		org.assertj.core.api.Assertions.assertThat(csv.lines().skip(1))
			.hasSize(3)
			.allMatch(l -> l.contains(",10.00,USD,"));
		org.assertj.core.api.Assertions.assertThat(download.suggestedFilename()).isEqualTo("earnings-commissions.csv");

		for (String[] other : new String[][] { { "Referrals", "04-referrals" }, { "Commissions", "05-commissions" },
				{ "Reports", "06-reports" }, { "Tier-2 partners", "07-network" } }) {
			this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(other[0]).setExact(true)).click();
			checkPage("partner-center-" + other[1]);
		}

		// settings: a new payout e-mail, saved and shown
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Settings").setExact(true)).click();
		this.page.getByLabel("PayPal e-mail (where we send your payments)")
			.fill("robin.new-" + suffix + "@paypal.example.com");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save").setExact(true)).click();
		assertThat(this.page.getByRole(AriaRole.STATUS)).hasText("Your settings were saved.");
		assertThat(this.page.locator("#payoutEmail")).hasValue("robin.new-" + suffix + "@paypal.example.com");
		checkPage("partner-center-08-settings");
		logOut();
	}

	/**
	 * Tracked links carry partnerhub.base-url (the default here), not the test server's
	 * random port.
	 */
	private static String baseUrlOfLinks() {
		return "http://localhost:8080";
	}

	/**
	 * axe, then screenshots at desktop and phone width, with nothing wider than the
	 * phone's screen.
	 */
	private void checkPage(String name) {
		this.page.setViewportSize(1280, 900);
		assertAccessible();
		screenshot(name + "-desktop");
		this.page.setViewportSize(375, 800);
		Object fits = this.page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth");
		org.assertj.core.api.Assertions.assertThat(fits)
			.as(name + " fits 375 px without horizontal scrolling")
			.isEqualTo(true);
		assertAccessible();
		screenshot(name + "-phone");
		this.page.setViewportSize(1280, 900);
	}

}
