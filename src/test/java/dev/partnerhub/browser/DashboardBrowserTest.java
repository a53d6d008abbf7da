package dev.partnerhub.browser;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.orders.OrderApi;
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

/**
 * The dashboard of one program: its figures, charts with their tables, the link to
 * approve sign-ups; accessible on a desktop (1366 px) and fitting a phone (390 px).
 */
class DashboardBrowserTest extends BrowserTestSupport {

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
	void dashboardOfAProgramOnADesktopAndOnAPhone() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var product = this.programs.createProduct("dash-" + suffix, "Dashboard course", new BigDecimal("80.00"), "USD");
		ProgramSummary program = this.programs
			.createProgram(new ProgramDefinition("Dashboard program " + suffix, "https://shop.example.com/", 1, "USD",
					Rate.percent("25"), null, 30, null, BigDecimal.ZERO, true, null, null, List.of()));
		PartnerSummary jane = partner(program, "dashjane" + suffix, PartnerStatus.APPROVED);
		PartnerSummary waiting = partner(program, "dashwait" + suffix, PartnerStatus.PENDING);
		for (int i = 0; i < 3; i++) {
			this.orders.place(new OrderApi.NewOrder("dash-" + suffix + "-" + i,
					"buyer-" + i + "." + suffix + "@customers.example.com", "Buyer", "No" + i, jane.code(), null, "USD",
					false, List.of(new OrderApi.Line(product.sku(), 1, new BigDecimal("80.00")))));
		}
		for (int day = 0; day < 5; day++) {
			this.jdbc
				.sql("""
						insert into click (token, partner_id, program_id, clicked_at, landing_url)
						values (:token, :partner, :program, now() - make_interval(days => :day), 'https://shop.example.com/')
						""")
				.param("token", "dash-" + suffix + "-" + day)
				.param("partner", jane.id())
				.param("program", program.id())
				.param("day", day)
				.update();
		}
		String[] admin = printedAdmin();
		logIn(admin[0], admin[1]);

		this.page.setViewportSize(1366, 900);
		this.page.navigate("/admin?period=last7&program=" + program.id());
		assertThat(this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Dashboard"))).isVisible();
		assertThat(this.page.locator("#dashboard-scope")).containsText(program.name());
		assertThat(this.page.locator("#dashboard-revenue")).containsText("240.00 USD");
		assertThat(this.page.locator("#status-pending")).containsText("60.00 USD");
		assertThat(this.page.locator("#dashboard-funnel")).containsText("5");
		assertThat(this.page.locator("#top-revenue")).containsText(jane.code());
		assertThat(this.page.getByRole(AriaRole.IMG,
				new Page.GetByRoleOptions().setName(Pattern.compile("^Referred revenue \\(USD\\) per day from "))))
			.isVisible();
		this.page.locator("#chart-clicks summary").click();
		assertThat(this.page.locator("#chart-clicks tbody tr")).hasCount(7);
		screenshot("dashboard-desktop");
		assertAccessible();

		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Review and approve")).click();
		assertThat(this.page).hasURL(Pattern.compile("/admin/partners\\?status=pending&program=" + program.id()));
		assertThat(this.page.locator("#main")).containsText(waiting.code());

		this.page.setViewportSize(390, 844);
		this.page.navigate("/admin?period=last7&program=" + program.id());
		Object overflow = this.page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1");
		assertThat(overflow).as("dashboard wider than the phone").isEqualTo(false);
		screenshot("dashboard-phone");
		assertAccessible();

		this.page.navigate("/admin?period=custom&from=2026-03-01&to=2025-01-01");
		assertThat(this.page.getByRole(AriaRole.ALERT).first()).containsText("is after the end date");
		assertAccessible();
	}

	private PartnerSummary partner(ProgramSummary program, String code, PartnerStatus status) {
		long contactId = this.contacts.create(code + "@partners.example.com", "Dana", code).id();
		return this.partners
			.enroll(new Enrollment(contactId, program.id(), code, status, null, code + "@paypal.example.com", null));
	}

}
