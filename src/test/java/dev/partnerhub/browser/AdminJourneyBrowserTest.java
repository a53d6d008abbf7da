package dev.partnerhub.browser;

import java.util.regex.Pattern;

import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The newcomer's first journey: log in with the admin credentials the app printed, create
 * a program and a partner, log out, log in as that partner and land in the partner
 * center.
 */
class AdminJourneyBrowserTest extends BrowserTestSupport {

	/**
	 * Names the element that sticks out furthest to the right, so an overflow failure
	 * says where to look.
	 */
	private static final String WIDEST_ELEMENT = """
			(() => {
			  let widest = null, right = 0;
			  const clipped = e => { for (let a = e.parentElement; a; a = a.parentElement) {
			    if (['auto', 'hidden', 'scroll'].includes(getComputedStyle(a).overflowX)) return true; } return false; };
			  for (const e of document.querySelectorAll('body *')) {
			    if (clipped(e)) continue;
			    const r = e.getBoundingClientRect().right;
			    if (r > right) { right = r; widest = e.tagName + '.' + e.className + ' @' + Math.round(r); }
			  }
			  return widest + ' scrollWidth ' + document.documentElement.scrollWidth;
			})()
			""";

	@Test
	void adminLogsInWithPrintedCredentials() {
		String[] admin = printedAdmin();
		this.page.navigate("/login");
		assertAccessible();
		screenshot("01-login");
		logIn(admin[0], admin[1]);
		assertThat(this.page).hasURL(baseUrl() + "/admin");
		assertThat(
				this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Dashboard").setExact(true)))
			.isVisible();
		assertAccessible();
		screenshot("02-dashboard");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out")).click();
		assertThat(this.page).hasURL(baseUrl() + "/login?logout");
	}

	@Test
	void adminCreatesProgramAndPartnerWhoThenLogsIn() {
		String[] admin = printedAdmin();
		logIn(admin[0], admin[1]);
		assertThat(this.page).hasURL(baseUrl() + "/admin");

		// A program: the form starts from the global defaults, so a name and landing URL
		// are enough.
		this.page.navigate("/admin/programs/new");
		assertAccessible();
		this.page.locator("#name").fill("Launch Partners");
		this.page.locator("#landingUrl").fill("https://shop.example.com/launch");
		this.page.locator("#tiers-2").check();
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create program")).click();
		assertThat(this.page).hasURL(Pattern.compile(".*/admin/programs/\\d+$"));
		assertThat(this.page.getByRole(AriaRole.HEADING,
				new Page.GetByRoleOptions().setName("Launch Partners").setExact(true)))
			.isVisible();
		screenshot("03-program");

		// A partner in that program, with a password so he can log in at once.
		this.page.navigate("/admin/partners/new");
		assertAccessible();
		this.page.locator("#email").fill("sam.rivera@example.com");
		this.page.locator("#firstName").fill("Sam");
		this.page.locator("#lastName").fill("Rivera");
		this.page.locator("#programId")
			.selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("Launch Partners"));
		this.page.locator("#code").fill("samr");
		this.page.locator("#password").fill("sam-password-123");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create partner")).click();
		assertThat(this.page).hasURL(Pattern.compile(".*/admin/partners/\\d+$"));
		assertThat(this.page.locator("body")).containsText("samr");
		screenshot("04-partner");

		this.page.navigate("/admin/partners");
		assertThat(this.page.locator("table")).containsText("sam.rivera@example.com");
		assertAccessible();

		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out")).click();
		assertThat(this.page).hasURL(baseUrl() + "/login?logout");

		logIn("sam.rivera@example.com", "sam-password-123");
		assertThat(this.page).hasURL(baseUrl() + "/partner");
		assertThat(this.page.locator("#partner-email")).hasText("sam.rivera@example.com");
		assertThat(this.page.locator("#partner-code")).hasText("samr");
		assertAccessible();
		screenshot("05-partner-center");

		// The partner cannot open the console.
		var response = this.page.navigate("/admin");
		org.assertj.core.api.Assertions.assertThat(response.status()).isEqualTo(403);
	}

	@Test
	void consolePagesWorkOnAPhone() {
		String[] admin = printedAdmin();
		this.page.setViewportSize(390, 844);
		logIn(admin[0], admin[1]);
		for (String path : new String[] { "/admin/contacts", "/admin/partners", "/admin/programs", "/admin/products",
				"/admin/settings", "/admin/api-keys", "/admin/integrations" }) {
			this.page.navigate(path);
			screenshot("phone" + path.replace('/', '-'));
			Object overflow = this.page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1");
			Object widest = this.page.evaluate(WIDEST_ELEMENT);
			org.assertj.core.api.Assertions.assertThat(overflow)
				.as("page wider than the phone: " + path + ", widest element " + widest)
				.isEqualTo(false);
			assertAccessible();
		}
		// The collapsed navigation opens with the toggler.
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Toggle navigation")).click();
		assertThat(this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Partners"))).isVisible();
		screenshot("06-phone-nav");
	}

}
