package dev.partnerhub.browser;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.time.Duration;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
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
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The money path's first half in a real browser: a partner's tracked link lands on the
 * example sales page, the snippet puts the click token into the opt-in form, and the
 * opt-in credits the partner.
 */
class TrackingBrowserTest extends BrowserTestSupport {

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactApi contacts;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aTrackedLinkLeadsToAnOptInCreditedToThePartner() {
		String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		ProgramSummary program = this.programs.createProgram(
				new ProgramDefinition("Browser program " + suffix, baseUrl() + "/examples/sales-page.html", 1, "USD",
						Rate.percent("20"), Rate.percent("5"), 30, null, BigDecimal.ZERO, true, null, null, List.of()));
		ContactSummary partnerContact = this.contacts.create("partner-" + suffix + "@test.local", "Paula", "Partner");
		PartnerSummary partner = this.partners.enroll(new Enrollment(partnerContact.id(), program.id(), "b" + suffix,
				PartnerStatus.APPROVED, null, null, null));

		this.page.navigate("/r/" + partner.code() + "?sub=browser");
		// Playwright runs the pattern as a JavaScript regex: no \\Q...\\E quoting.
		assertThat(this.page).hasURL(java.util.regex.Pattern
			.compile("^" + baseUrl().replace(".", "\\.") + "/examples/sales-page\\.html\\?ref=[A-Za-z0-9_-]{76}$"));
		String token = this.page.url().substring(this.page.url().indexOf("ref=") + 4);

		Locator referral = this.page.locator("#opt-in input[type=hidden][name=referral]");
		assertThat(referral).hasValue(token);
		assertThat(this.page.evaluate("() => window.partnerhub.referral()")).isEqualTo(token);
		// Here the sales page shares the app's host, so the redirect's HttpOnly ph_ref is
		// the one the browser keeps
		// (a script may not overwrite an HttpOnly cookie); on another domain t.js sets
		// its own first-party ph_ref.
		assertThat(this.context.cookies()).anySatisfy(cookie -> {
			assertThat(cookie.name).isEqualTo("ph_ref");
			assertThat(cookie.value).isEqualTo(token);
		});
		assertAccessible();
		screenshot("tracking-01-sales-page");

		String email = "visitor-" + suffix + "@test.local";
		this.page.getByLabel("First name").fill("Vic");
		this.page.getByLabel("Last name").fill("Visitor");
		this.page.getByLabel("E-mail").fill(email);
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send me the lesson")).click();
		assertThat(this.page.getByRole(AriaRole.HEADING)).containsText("Thank you");
		screenshot("tracking-02-thank-you");
		confirmOptIn(email);

		var row = this.jdbc.sql("select first_referrer_id, last_referrer_id from contact where lower(email) = :e")
			.param("e", email)
			.query()
			.singleRow();
		assertThat(row.get("first_referrer_id")).isEqualTo(partner.id());
		assertThat(row.get("last_referrer_id")).isEqualTo(partner.id());
	}

	/**
	 * Another origin (and cookie host) than the app's {@code localhost}, still on
	 * loopback so Chromium's private network rules let its page load the app's script;
	 * Playwright serves the page.
	 */
	private String shopOrigin() {
		return "http://127.0.0.1:" + this.port + "/shop";
	}

	@Test
	void theSnippetWorksLoadedAsyncFromAnotherOrigin() throws Exception {
		String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		ProgramSummary program = this.programs
			.createProgram(new ProgramDefinition("Shop program " + suffix, shopOrigin() + "/sales?campaign=x", 1, "USD",
					Rate.percent("20"), Rate.percent("5"), 30, null, BigDecimal.ZERO, true, null, null, List.of()));
		ContactSummary partnerContact = this.contacts.create("shop-partner-" + suffix + "@test.local", "Sam",
				"Partner");
		PartnerSummary partner = this.partners.enroll(new Enrollment(partnerContact.id(), program.id(), "s" + suffix,
				PartnerStatus.APPROVED, null, null, null));
		// A merchant's page on its own origin, loading the snippet from the app like the
		// README says.
		String shopPage = "<!DOCTYPE html><html lang=\"en\"><head><title>Shop</title>" + "<script src=\"" + baseUrl()
				+ "/t.js\" async></script></head><body><main><h1>Shop</h1>"
				+ "<form id=\"buy\" method=\"post\" action=\"" + baseUrl() + "/join\">"
				+ "<label for=\"email\">E-mail</label><input id=\"email\" name=\"email\" type=\"email\">"
				+ "<button type=\"submit\">Join</button></form></main></body></html>";
		this.page.onConsoleMessage(message -> System.out.println("console: " + message.text()));
		// Chromium asks before a page it thinks is public (Playwright serves it) reaches
		// a loopback server.
		this.context.grantPermissions(List.of("local-network-access"));
		this.page.route(shopOrigin() + "/**",
				route -> route.fulfill(new com.microsoft.playwright.Route.FulfillOptions().setStatus(200)
					.setContentType("text/html")
					.setBody(shopPage)));

		// Playwright routes only the first URL of a redirect chain, so follow the 302 by
		// hand.
		com.microsoft.playwright.APIResponse click = this.page.request()
			.get("/r/" + partner.code(), com.microsoft.playwright.options.RequestOptions.create().setMaxRedirects(0));
		assertThat(click.status()).isEqualTo(302);
		this.page.navigate(click.headers().get("location"));
		assertThat(this.page).hasURL(java.util.regex.Pattern
			.compile("^" + shopOrigin().replace(".", "\\.") + "/sales\\?campaign=x&ref=[A-Za-z0-9_-]{76}$"));
		String token = this.page.url().substring(this.page.url().indexOf("ref=") + 4);
		assertThat(this.page.locator("#buy input[name=referral]")).hasValue(token);
		assertThat(this.page.evaluate("() => document.cookie")).asString().contains("ph_ref=" + token);
		assertThat(this.page.evaluate("() => window.partnerhub.referral()")).isEqualTo(token);

		// Forms added later get the referral too.
		this.page.evaluate(
				"() => { const f = document.createElement('form'); f.id = 'late'; document.body.appendChild(f); }");
		assertThat(this.page.locator("#late input[name=referral]")).hasValue(token);

		// Without ?ref= the first-party cookie keeps the referral on the next page.
		this.page.navigate(shopOrigin() + "/sales/step-2");
		assertThat(this.page.locator("#buy input[name=referral]")).hasValue(token);

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(
					this.jdbc.sql("select count(*) from visit where partner_id = :p and page_url like :shop")
						.param("p", partner.id())
						.param("shop", shopOrigin() + "/%")
						.query(Long.class)
						.single())
				.as("visit beacons written by the background writer")
				.isEqualTo(2));

		String email = "shopper-" + suffix + "@test.local";
		this.page.getByLabel("E-mail").fill(email);
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Join")).click();
		assertThat(this.page.getByRole(AriaRole.HEADING)).containsText("Thank you");
		confirmOptIn(email);
		ContactSummary contact = this.contacts.findByEmail(email).orElseThrow();
		assertThat(contact.firstReferrerId()).isEqualTo(partner.id());
	}

	@Test
	void adminsManagePromoToolsOnAccessiblePages() {
		String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		ProgramSummary program = this.programs
			.createProgram(new ProgramDefinition("Promo program " + suffix, "https://shop.example.com/", 1, "USD",
					Rate.percent("20"), Rate.percent("5"), 30, null, BigDecimal.ZERO, true, null, null, List.of()));
		String[] admin = printedAdmin();
		logIn(admin[0], admin[1]);

		this.page.navigate("/admin/promo-tools/new?kind=link&program=" + program.id());
		assertAccessible();
		this.page.getByLabel("Name").fill("Spring sale " + suffix);
		this.page.getByLabel("Landing URL").fill("javascript:alert(1)");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
		assertThat(this.page.locator("#landingUrl-error")).containsText("http");
		assertAccessible();
		screenshot("tracking-03-promo-tool-error");
		this.page.getByLabel("Landing URL").fill("https://shop.example.com/spring");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
		assertThat(this.page.getByRole(AriaRole.STATUS)).containsText("created");
		assertThat(this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Promo tools")))
			.hasAttribute("aria-current", "page");
		assertThat(this.page.getByRole(AriaRole.CELL,
				new Page.GetByRoleOptions().setName("Spring sale " + suffix).setExact(true)))
			.isVisible();
		assertAccessible();
		screenshot("tracking-04-promo-tools");
	}

	/**
	 * Double opt-in: the address's owner opens the e-mail's link and presses the button.
	 */
	private void confirmOptIn(String email) {
		String token = dev.partnerhub.tracking.OptInLinks.latestToken(this.jdbc, email).orElseThrow();
		this.page.navigate(baseUrl() + "/join/confirm/" + token);
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm sign-up")).click();
		assertThat(this.page.getByRole(AriaRole.HEADING).first()).isVisible();
	}

}
