package dev.partnerhub.browser;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.regex.Pattern;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.tracking.Fixtures;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clicks report, with a chart and a table, is accessible on a desktop and fits a
 * phone.
 */
class ClicksReportBrowserTest extends BrowserTestSupport {

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactApi contacts;

	@Autowired
	JdbcClient jdbc;

	@Test
	void reportIsAccessibleOnADesktopAndOnAPhone() {
		Fixtures fixtures = new Fixtures(this.programs, this.partners, this.contacts);
		PartnerSummary partner = fixtures.partner(fixtures.program("https://shop.example.com/", 30),
				PartnerStatus.APPROVED);
		Instant now = Instant.now();
		for (int day = 0; day < 12; day++) {
			for (int n = 0; n <= day % 4; n++) {
				click(partner, now.minus(day, ChronoUnit.DAYS), "sub-" + (n % 2), n == 3);
			}
		}
		String[] admin = printedAdmin();
		logIn(admin[0], admin[1]);

		this.page.setViewportSize(1280, 900);
		this.page.navigate("/admin/clicks");
		assertThat(this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Clicks").setExact(true)))
			.isVisible();
		assertThat(this.page.getByRole(AriaRole.IMG,
				new Page.GetByRoleOptions().setName(Pattern.compile("^Clicks per day from "))))
			.isVisible();
		assertThat(this.page.locator("#click-groups")).containsText(partner.code());
		this.page.getByText("Clicks per day as a table").click();
		assertThat(this.page.locator("#clicks-per-day tbody tr")).hasCount(30);
		screenshot("clicks-report-desktop");
		assertAccessible();

		this.page.getByLabel("Group by").selectOption("sub");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show")).click();
		assertThat(this.page.locator("#click-groups")).containsText("sub-1");
		assertAccessible();

		this.page.setViewportSize(390, 844);
		this.page.navigate("/admin/clicks");
		Object overflow = this.page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1");
		assertThat(overflow).as("clicks report wider than the phone").isEqualTo(false);
		screenshot("clicks-report-phone");
		assertAccessible();

		this.page.navigate("/admin/clicks?from=soon");
		assertThat(this.page.getByRole(AriaRole.ALERT)).containsText("Enter the start date as YYYY-MM-DD.");
		assertAccessible();
	}

	private void click(PartnerSummary partner, Instant at, String subId, boolean duplicate) {
		this.jdbc.sql("""
				insert into click (token, partner_id, program_id, sub_id, clicked_at, duplicate, landing_url)
				values (:token, :partner, :program, :sub, :at, :duplicate, 'https://shop.example.com/')""")
			.param("token", UUID.randomUUID().toString())
			.param("partner", partner.id())
			.param("program", partner.programId())
			.param("sub", subId)
			.param("at", Timestamp.from(at))
			.param("duplicate", duplicate)
			.update();
	}

}
