package dev.partnerhub.browser;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.filters.Condition;
import dev.partnerhub.filters.Filter;
import dev.partnerhub.filters.Op;
import dev.partnerhub.orders.OrderApi;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.domain.Enrollment;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramDefinition;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.rollups.Relationship;
import dev.partnerhub.rollups.RollupApi;
import dev.partnerhub.rollups.RollupField;
import dev.partnerhub.rollups.RollupFunction;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * An admin builds a leaderboard page for one program in the console, previews it as a
 * partner and logs out; a partner of that program finds it in his navigation; a partner
 * of another program gets "not found". Pages are axe-checked and shot at phone width. An
 * admin builds a dynamic list with the visual condition builder ("date processed on or
 * after" the contest start); its partner pages, sorts and exports it.
 */
class PartnerCenterBuilderBrowserTest extends BrowserTestSupport {

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactService contacts;

	@Autowired
	OrderApi orders;

	@Autowired
	RollupApi rollups;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anAdminBuildsALeaderboardPageThatOnlyHisProgramSees() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var product = this.programs.createProduct("pcb-" + suffix, "Builder course", new BigDecimal("100.00"), "USD");
		ProgramSummary mine = program("Builder stars " + suffix);
		ProgramSummary other = program("Builder others " + suffix);
		String ana = enroll("pcba" + suffix, "Ana", mine);
		String ben = enroll("pcbb" + suffix, "Ben", mine);
		String oli = enroll("pcbo" + suffix, "Oli", other);
		sale(product.sku(), "pcba" + suffix, suffix + "-1");
		sale(product.sku(), "pcbb" + suffix, suffix + "-2");
		sale(product.sku(), "pcbb" + suffix, suffix + "-3");
		RollupField field = this.rollups.create("Builder sales " + suffix, RollupFunction.SUM,
				Relationship.COMMISSIONS_EARNED, "amount", Filter.all(new Condition("tier", Op.EQ, "1")));
		awaitRecompute(field.id());

		String[] admin = printedAdmin();
		logIn(admin[0], admin[1]);
		this.page.navigate("/admin/partner-center");
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New page").setExact(true)).click();
		this.page.getByLabel("Title", new Page.GetByLabelOptions().setExact(true)).fill("Leaders " + suffix);
		this.page.getByLabel("Slug (address /partner/pages/…)").fill("leaders-" + suffix);
		this.page.getByLabel(mine.name(), new Page.GetByLabelOptions().setExact(true)).check();
		this.page.getByLabel("Published", new Page.GetByLabelOptions().setExact(true)).check();
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save page").setExact(true)).click();
		assertThat(this.page.getByRole(AriaRole.STATUS)).hasText("Page created. Add blocks below.");

		this.page.locator("#block-type").selectOption("leaderboard");
		this.page.locator("#block-rollup").selectOption(field.name());
		this.page.locator("#block-title").fill("Top sellers");
		this.page.locator("#block-top").fill("5");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add block").setExact(true)).click();
		assertThat(this.page.locator("#block-list li")).hasCount(1);
		check("builder-01-edit");

		this.page.locator("#preview-partner").fill("pcba" + suffix);
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Preview").setExact(true)).click();
		assertThat(this.page.locator("#preview-note")).containsText("Ana Builder");
		assertThat(this.page.locator("#preview .pc-leaderboard tbody tr")).hasCount(2);
		assertThat(this.page.locator("#preview .pc-leaderboard tbody tr").first()).containsText("Ben Builder");
		assertThat(this.page.locator("#preview .my-rank")).hasText("Your rank: 2 (10.00 USD)");
		check("builder-02-preview");
		logOut();

		logIn(ana, "builder-password-1");
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Leaders " + suffix).setExact(true))
			.click();
		assertThat(this.page.locator("#page-title")).hasText("Leaders " + suffix);
		assertThat(this.page.locator(".pc-leaderboard tbody tr")).hasCount(2);
		assertThat(this.page.locator(".my-rank")).hasText("Your rank: 2 (10.00 USD)");
		check("builder-03-partner");
		logOut();

		logIn(oli, "builder-password-1");
		assertThat(this.page.getByRole(AriaRole.LINK,
				new Page.GetByRoleOptions().setName("Leaders " + suffix).setExact(true)))
			.hasCount(0);
		var response = this.page.navigate("/partner/pages/leaders-" + suffix);
		org.assertj.core.api.Assertions.assertThat(response.status()).isEqualTo(404);
		assertThat(this.page.locator("h1")).hasText("Not found");
		org.assertj.core.api.Assertions.assertThat(ben).isNotBlank();
	}

	@Test
	void anAdminBuildsAListWithTheConditionBuilderAndAPartnerPagesAndSortsIt() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var product = this.programs.createProduct("pcl-" + suffix, "List course", new BigDecimal("100.00"), "USD");
		ProgramSummary mine = program("List stars " + suffix);
		String ida = enroll("pcli" + suffix, "Ida", mine);
		String code = "pcli" + suffix;
		Instant now = Instant.now();
		// since the contest start (5 days ago): Dora today, Abe 1 day ago, Cleo 2, Bea 3;
		// two older sales left out
		String[] recent = { "Dora", "Abe", "Cleo", "Bea" };
		for (int i = 0; i < recent.length; i++) {
			sale(product.sku(), code, suffix + "-r" + i, recent[i], now.minus(Duration.ofDays(i)));
		}
		sale(product.sku(), code, suffix + "-o1", "Olga", now.minus(Duration.ofDays(20)));
		sale(product.sku(), code, suffix + "-o2", "Otto", now.minus(Duration.ofDays(21)));
		String start = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(5).toString();

		String[] admin = printedAdmin();
		logIn(admin[0], admin[1]);
		this.page.navigate("/admin/partner-center/new");
		this.page.getByLabel("Title", new Page.GetByLabelOptions().setExact(true)).fill("Launch list " + suffix);
		this.page.getByLabel("Slug (address /partner/pages/…)").fill("launch-list-" + suffix);
		this.page.getByLabel(mine.name(), new Page.GetByLabelOptions().setExact(true)).check();
		this.page.getByLabel("Published", new Page.GetByLabelOptions().setExact(true)).check();
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save page").setExact(true)).click();
		assertThat(this.page.getByRole(AriaRole.STATUS)).hasText("Page created. Add blocks below.");

		// the visual condition builder: "Date processed on or after <contest start>"
		this.page.locator("#block-type").selectOption("list");
		this.page.locator("#block-title").fill("Sales since the start");
		this.page.locator("#block-source").selectOption("commissions_earned");
		assertThat(this.page.locator("#block-source")).hasValue("commissions_earned");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add condition").setExact(true))
			.click();
		this.page.locator("[id='rows1.field']").selectOption("dateProcessed");
		this.page.locator("[id='rows1.op']").selectOption("on_or_after");
		this.page.locator("[id='rows1.value']").fill(start);
		assertThat(this.page.locator("#block-title")).hasValue("Sales since the start");
		this.page.locator("#block-sort").selectOption("dateProcessed");
		this.page.locator("#block-columns").fill("customer,dateProcessed");
		this.page.locator("#block-size").fill("2");
		check("builder-04-conditions");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add block").setExact(true)).click();
		assertThat(this.page.getByRole(AriaRole.STATUS)).hasText("Block added.");
		assertThat(this.page.locator("#block-list li")).hasCount(1);
		// edited in the same form: its settings and its condition come back, the type
		// stays
		this.page.locator("#block-list a", new Page.LocatorOptions().setHasText("Edit")).click();
		assertThat(this.page.locator("#block-form-title")).hasText("Edit the Dynamic list block");
		assertThat(this.page.locator("[id='rows1.value']")).hasValue(start);
		assertThat(this.page.locator("#block-type")).isDisabled();
		this.page.locator("#block-title").fill("Sales since the contest start");
		check("builder-04b-edit-block");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save block").setExact(true)).click();
		assertThat(this.page.getByRole(AriaRole.STATUS)).hasText("Block saved.");
		assertThat(this.page.locator("#block-list li")).hasCount(1);
		logOut();

		logIn(ida, "builder-password-1");
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Launch list " + suffix).setExact(true))
			.click();
		assertThat(this.page.getByText("Sales since the contest start", new Page.GetByTextOptions().setExact(true)))
			.isVisible();
		var rows = this.page.locator(".pc-list tbody tr td:first-child");
		assertThat(rows).hasText(new String[] { "Dora Buyer", "Abe Buyer" });
		assertThat(this.page.locator(".pc-list-position")).hasText("Page 1 of 2 (4 records)");
		assertThat(this.page.locator(".pc-list th[data-column=dateProcessed]")).hasAttribute("aria-sort", "descending");
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Next ›").setExact(true)).click();
		assertThat(rows).hasText(new String[] { "Cleo Buyer", "Bea Buyer" });
		assertThat(this.page.locator(".pc-list-position")).hasText("Page 2 of 2 (4 records)");
		this.page.locator(".pc-list th[data-column=customer] a").click();
		assertThat(rows).hasText(new String[] { "Abe Buyer", "Bea Buyer" });
		assertThat(this.page.locator(".pc-list th[data-column=customer]")).hasAttribute("aria-sort", "ascending");
		this.page.locator(".pc-list th[data-column=customer] a").click();
		assertThat(rows).hasText(new String[] { "Dora Buyer", "Cleo Buyer" });
		assertThat(this.page.locator(".pc-list th[data-column=customer]")).hasAttribute("aria-sort", "descending");
		check("builder-05-partner-list");
		// his CSV: the four rows since the start, in his order
		var download = this.page.waitForDownload(() -> this.page.locator(".pc-list-csv").click());
		String csv = java.nio.file.Files.readString(download.path());
		org.assertj.core.api.Assertions.assertThat(csv.lines().skip(1).map(l -> l.substring(0, l.indexOf(','))))
			.containsExactly("Dora Buyer", "Cleo Buyer", "Bea Buyer", "Abe Buyer");
	}

	private void sale(String sku, String code, String id, String firstName, Instant at) {
		this.orders.place(new OrderApi.NewOrder("pcl-" + id, "buyer-" + id + "@customers.example.com", firstName,
				"Buyer", code, at, "USD", false, List.of(new OrderApi.Line(sku, 1, new BigDecimal("100.00")))));
	}

	private ProgramSummary program(String name) {
		return this.programs.createProgram(new ProgramDefinition(name, "https://shop.example.com/", 2, "USD",
				Rate.percent("10"), Rate.percent("5"), 30, null, BigDecimal.ZERO, true, null, null, List.of()));
	}

	private String enroll(String code, String firstName, ProgramSummary program) {
		String email = code + "@partners.example.com";
		long contactId = this.contacts.create(email, firstName, "Builder").id();
		this.partners.enroll(new Enrollment(contactId, program.id(), code, PartnerStatus.APPROVED, null,
				code + "@paypal.example.com", "builder-password-1"));
		return email;
	}

	private void sale(String sku, String code, String id) {
		this.orders.place(new OrderApi.NewOrder("pcb-" + id, "buyer-" + id + "@customers.example.com", "Buyer", id,
				code, null, "USD", false, List.of(new OrderApi.Line(sku, 1, new BigDecimal("100.00")))));
	}

	private void awaitRecompute(long id) {
		Awaitility.await("rollup recomputed")
			.atMost(Duration.ofSeconds(60))
			.until(() -> "done".equals(this.jdbc
				.sql("select j.status from rollup_field f "
						+ "join job j on j.id = f.recompute_job_id where f.id = :id")
				.param("id", id)
				.query(String.class)
				.single()));
		this.rollups.refreshPending();
	}

	/**
	 * axe at desktop and phone width, screenshot at phone width, nothing wider than the
	 * phone.
	 */
	private void check(String name) {
		this.page.setViewportSize(1280, 900);
		assertAccessible();
		this.page.setViewportSize(375, 800);
		Object fits = this.page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth");
		Object wide = this.page.evaluate("() => [...document.querySelectorAll('body *')]"
				+ ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
				+ ".slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className).join(', ')");
		org.assertj.core.api.Assertions.assertThat(fits).as(name + " fits 375 px; too wide: " + wide).isEqualTo(true);
		assertAccessible();
		screenshot(name + "-phone");
		this.page.setViewportSize(1280, 900);
	}

}
