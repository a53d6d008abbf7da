package dev.partnerhub.browser;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.Page;
import dev.partnerhub.support.StartupBanner;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The newcomer's first journey: log in with the admin credentials the app printed, create a program and a partner,
 * log out, log in as that partner and land in the partner center.
 */
class AdminJourneyBrowserTest extends BrowserTestSupport {

	private static final Pattern ADMIN_LINE = Pattern.compile("Admin:\\s+(\\S+@\\S+) / (\\S+)");

	@Autowired
	StartupBanner banner;

	@Test
	void adminLogsInWithPrintedCredentials() {
		String[] admin = printedAdmin();
		this.page.navigate("/login");
		assertAccessible();
		screenshot("01-login");
		logIn(admin[0], admin[1]);
		assertThat(this.page).hasURL(baseUrl() + "/admin");
		assertThat(this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Dashboard")))
			.isVisible();
		assertAccessible();
		screenshot("02-dashboard");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out")).click();
		assertThat(this.page).hasURL(baseUrl() + "/login?logout");
	}

	private String[] printedAdmin() {
		String line = this.banner.lines()
			.stream()
			.filter(l -> l.startsWith("Admin:"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no admin line printed: " + this.banner.lines()));
		Matcher matcher = ADMIN_LINE.matcher(line);
		assertThat(matcher.find()).as("printed admin line has e-mail / password: " + line).isTrue();
		return new String[] { matcher.group(1), matcher.group(2) };
	}

}
