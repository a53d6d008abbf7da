package dev.partnerhub.browser;

import java.time.Instant;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.partnerhub.accounts.domain.AccountService;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Issue 18: an admin sets up two-factor sign-in with the QR code page (the key typed into
 * the "app", here the TOTP library), saves the recovery codes, logs out and logs in again
 * with password and a code from the app. On the real server with Spring Session JDBC.
 */
class TwoFactorBrowserTest extends BrowserTestSupport {

	static final String PASSWORD = "browser-two-factor-1";

	@Autowired
	AccountService accounts;

	@Test
	void anAdminEnrolsLogsOutAndLogsInWithACode() throws Exception {
		String admin = "totp-" + Long.toString(System.nanoTime(), 36) + "@browser.test";
		this.accounts.createAdmin(admin, PASSWORD);
		logIn(admin, PASSWORD);
		assertThat(this.page).hasURL(baseUrl() + "/admin");

		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Two-factor sign-in")).first().click();
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set up two-factor sign-in")).click();
		assertThat(this.page.locator("#two-factor-qr")).isVisible();
		assertThat(this.page.locator("#two-factor-qr")).hasAttribute("src",
				java.util.regex.Pattern.compile("^data:image/png;base64,"));
		assertAccessible();
		screenshot("two-factor-01-enrol");
		String secret = this.page.locator("#two-factor-secret").innerText().strip();

		this.page.getByLabel("6-digit code").fill(code(secret, 0));
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Turn on")).click();
		assertThat(this.page.locator("#recovery-codes li")).hasCount(10);
		assertAccessible();
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("I saved them, continue")).click();
		assertThat(this.page).hasURL(baseUrl() + "/admin");
		logOut();

		logIn(admin, PASSWORD);
		assertThat(this.page).hasURL(baseUrl() + "/login/two-factor");
		this.page.navigate("/admin");
		assertThat(this.page).hasURL(baseUrl() + "/login/two-factor");
		this.page.getByLabel("Code").fill("000000");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify")).click();
		assertThat(this.page.locator("#two-factor-error")).isVisible();
		assertAccessible();
		screenshot("two-factor-02-code");
		// the next time step's code: the enrolment used this one's
		this.page.getByLabel("Code").fill(code(secret, 1));
		this.page.getByLabel("Remember this device for 30 days").check();
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify")).click();
		assertThat(this.page).hasURL(baseUrl() + "/admin");
		org.assertj.core.api.Assertions
			.assertThat(this.context.cookies().stream().anyMatch(c -> c.name.equals("ph_2fa") && c.httpOnly))
			.as("the remember cookie is HttpOnly")
			.isTrue();

		// the remembered browser is not asked again
		logOut();
		logIn(admin, PASSWORD);
		assertThat(this.page).hasURL(baseUrl() + "/admin");
	}

	private static String code(String secret, int stepsAhead) throws Exception {
		long step = Math.floorDiv(Instant.now().getEpochSecond(), 30) + stepsAhead;
		return new DefaultCodeGenerator().generate(secret, step);
	}

}
