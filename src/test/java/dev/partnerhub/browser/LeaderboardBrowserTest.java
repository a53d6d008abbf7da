package dev.partnerhub.browser;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.time.Duration;

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

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The admin creates a contest that makes its own rollup and sees the standings (after the
 * background recompute); then builds a group with the condition builder, previews its
 * count and saves it. Every page passes axe.
 */
class LeaderboardBrowserTest extends BrowserTestSupport {

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactService contacts;

	@Autowired
	OrderApi orders;

	@Test
	void adminCreatesAContestAndSeesItsStandings() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var product = this.programs.createProduct("contest-" + suffix, "Contest course " + suffix,
				new BigDecimal("100.00"), "USD");
		ProgramSummary program = this.programs.createProgram(new ProgramDefinition("Contest program " + suffix,
				"https://shop.example.com/", 1, "USD", Rate.percent("10"), Rate.percent("0"), 30, null,
				new BigDecimal("10.00"), true, null, null, List.of()));
		String leader = "lead" + suffix;
		String runnerUp = "second" + suffix;
		for (String code : List.of(leader, runnerUp)) {
			long contactId = this.contacts.create(code + "@partners.example.com", "Robin", code).id();
			this.partners
				.enroll(new Enrollment(contactId, program.id(), code, PartnerStatus.APPROVED, null, null, null));
		}
		// leader: 3 units (30.00), runner-up: 1 unit (10.00)
		this.orders.place(new OrderApi.NewOrder("contest-" + suffix + "-1", "b1-" + suffix + "@customers.example.com",
				"Buyer", "One", leader, null, "USD", false,
				List.of(new OrderApi.Line(product.sku(), 3, new BigDecimal("100.00")))));
		this.orders.place(new OrderApi.NewOrder("contest-" + suffix + "-2", "b2-" + suffix + "@customers.example.com",
				"Buyer", "Two", runnerUp, null, "USD", false,
				List.of(new OrderApi.Line(product.sku(), 1, new BigDecimal("100.00")))));

		String[] admin = printedAdmin();
		logIn(admin[0], admin[1]);
		this.page.navigate("/admin/contests");
		assertThat(
				this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Contests").setExact(true)))
			.isVisible();
		assertAccessible();
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New contest").setExact(true)).click();
		String name = "Launch race " + suffix;
		this.page.locator("#name").fill(name);
		this.page.locator("#programId").selectOption(String.valueOf(program.id()));
		this.page.locator("#skus").selectOption(product.sku());
		this.page.locator("#startsOn").fill(LocalDate.now(ZoneOffset.UTC).minusDays(1).toString());
		assertAccessible();
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create contest")).click();
		assertThat(this.page).hasURL(Pattern.compile(".*/admin/contests/\\d+$"));
		assertThat(this.page.locator("h1")).hasText(name);
		// the standings fill in once the background recompute is done
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
			if (this.page.locator("#standings").count() > 0) {
				return true;
			}
			this.page.reload();
			return false;
		});
		assertThat(this.page.locator("#standings tbody tr").first()).containsText(leader);
		assertThat(this.page.locator("#standings tbody tr").first()).containsText("30.00 USD");
		assertThat(this.page.locator("#standings tbody tr").nth(1)).containsText(runnerUp);
		assertThat(this.page.locator("#standings tbody tr").nth(1)).containsText("10.00");
		assertAccessible();
		screenshot("contest-01-standings");

		this.page.navigate("/admin/leaderboards");
		this.page.locator("#rollup")
			.selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("Contest: " + name));
		this.page.locator("#program").selectOption(String.valueOf(program.id()));
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show")).click();
		assertThat(this.page.locator("#standings")).containsText(leader);
		assertAccessible();

		this.page.navigate("/admin/groups/new");
		this.page.locator("#name").fill("Contest partners " + suffix);
		this.page.locator("[id='rows1.field']").selectOption("program");
		this.page.locator("[id='rows1.op']").selectOption("eq");
		this.page.locator("[id='rows1.value']").fill(program.name());
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Preview count")).click();
		assertThat(this.page.locator("#preview")).hasText("2 contacts match these conditions now.");
		assertAccessible();
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save group")).click();
		assertThat(this.page).hasURL(Pattern.compile(".*/admin/groups/\\d+$"));
		assertThat(this.page.locator("#members")).containsText(leader + "@partners.example.com");
		assertAccessible();
		screenshot("contest-02-group");
		assertThat(this.page.url()).contains("/admin/groups/");
	}

}
