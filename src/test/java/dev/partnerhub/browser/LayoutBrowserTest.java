package dev.partnerhub.browser;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a person trips over in the browser at real widths (issue 20): the partner-center
 * header with a long menu (an admin-built "Hall of fame" page and a long program name)
 * from 320 to 1920 px, every console list at 390 px (cards, e-mails never split letter by
 * letter), dead links, the favicon, the Referrals and Tier-2 CSVs, and the commission
 * list's row and bulk actions. Data is made once for the class; screenshots go to
 * target/screenshots.
 */
class LayoutBrowserTest extends BrowserTestSupport {

	/** Every list page of the console (the ones with a table of rows). */
	static final List<String> CONSOLE_LISTS = List.of("/admin/contacts", "/admin/partners", "/admin/programs",
			"/admin/products", "/admin/promo-tools", "/admin/clicks", "/admin/rollups", "/admin/groups",
			"/admin/leaderboards", "/admin/contests", "/admin/partner-center", "/admin/orders", "/admin/commissions",
			"/admin/payouts", "/admin/audit", "/admin/outbox", "/admin/templates", "/admin/sequences", "/admin/rules",
			"/admin/api-keys", "/admin/jobs", "/admin/import");

	/**
	 * Problems a person would see on the current page: sideways scrolling of the page, a
	 * list whose first row has cells outside the screen, an e-mail address split letter
	 * by letter (fewer than 12 characters a line) or, with {@code oneLine}, an e-mail
	 * address on more than one line.
	 */
	static final String LAYOUT_PROBLEMS = """
			oneLine => {
			  const vw = document.documentElement.clientWidth;
			  const out = [];
			  if (document.documentElement.scrollWidth > vw) {
			    // name the widest thing that sticks out, so the failure says what to fix
			    let widest = null;
			    for (const el of document.body.querySelectorAll('*')) {
			      const r = el.getBoundingClientRect();
			      if (r.right > vw + 1 && (!widest || r.width <= widest.getBoundingClientRect().width)) widest = el;
			    }
			    out.push('the page scrolls sideways: ' + document.documentElement.scrollWidth + ' > ' + vw
			      + (widest ? ' (' + widest.tagName.toLowerCase() + '.' + widest.className + ': '
			      + (widest.textContent || '').trim().slice(0, 60) + ')' : ''));
			  }
			  document.querySelectorAll('.table-responsive > table').forEach(t => {
			    const row = t.tBodies[0] && t.tBodies[0].rows[0];
			    if (!t.offsetParent || !row) return;
			    for (const c of row.cells) {
			      const r = c.getBoundingClientRect();
			      if (r.width > 0 && (r.right > vw + 1 || r.left < -1)) {
			        out.push((t.id || 'a table') + ': cell "' + c.textContent.trim().slice(0, 30) + '" off-screen (widths: '
			          + Array.from(row.cells).map(x => Math.round(x.getBoundingClientRect().width)).join(',') + ')');
			        break;
			      }
			    }
			  });
			  document.querySelectorAll('td, th, dd').forEach(c => {
			    const text = c.textContent.trim();
			    if (!c.offsetParent || !/^[^\\s@]+@[^\\s@]+$/.test(text)) return;
			    const range = document.createRange();
			    range.selectNodeContents(c);
			    const lines = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0)
			      .map(r => Math.round(r.top))).size;
			    if (oneLine ? lines > 1 : text.length / lines < 12) out.push('e-mail on ' + lines + ' lines: ' + text);
			  });
			  return out;
			}""";

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

	String suffix;

	ProgramSummary program;

	PartnerSummary jane;

	String janeEmail;

	String buyerEmail;

	long ruleId;

	@BeforeAll
	void makeData() {
		this.suffix = UUID.randomUUID().toString().substring(0, 8);
		var product = this.programs.createProduct("lay-" + this.suffix, "Layout course", new BigDecimal("40.00"),
				"USD");
		this.program = this.programs.createProgram(new ProgramDefinition(
				"Partners Pro Worldwide Creators and Affiliates Program " + this.suffix, "https://shop.example.com/", 2,
				"USD", Rate.percent("25"), Rate.percent("5"), 30, null, BigDecimal.ZERO, true, null, null, List.of()));
		String code = "lay" + this.suffix;
		this.janeEmail = code + "@partners.example.com";
		long contactId = this.contacts.create(this.janeEmail, "Jane", "Cooper-Fitzgerald").id();
		this.jane = this.partners.enroll(new Enrollment(contactId, this.program.id(), code, PartnerStatus.APPROVED,
				null, "jane-" + this.suffix + "@paypal.example.com", "jane-password-1"));
		long kidContact = this.contacts.create("kid" + this.suffix + "@partners.example.com", "Kid", "Layout").id();
		this.partners
			.enroll(new Enrollment(kidContact, this.program.id(), "laykid" + this.suffix, PartnerStatus.APPROVED,
					this.jane.id(), "kid-" + this.suffix + "@paypal.example.com", "kid-password-1"));
		for (int i = 0; i < 3; i++) {
			String buyer = "a-rather-long-buyer-address-" + i + "." + this.suffix + "@customers.example.com";
			if (i == 0) {
				this.buyerEmail = buyer;
			}
			this.orders.place(new OrderApi.NewOrder("lay-" + this.suffix + "-" + i, buyer, "Buyer", "No" + i, code,
					null, "USD", false, List.of(new OrderApi.Line(product.sku(), 1, new BigDecimal("40.00")))));
		}
		// audit entries as long as other journeys leave them: a long actor, a long
		// change, an address as the detail
		this.jdbc.sql("""
				insert into audit_entry (actor, action, subject_type, subject_id, before_value, after_value, detail)
				values (:actor, 'automation_rule.update', 'automation_rule', '1', :before, :after, :detail)
				""")
			.param("actor", "a-very-long-administrator-name-" + this.suffix + "@operations.example.com")
			.param("before",
					"trigger=daily 3; actions=" + "send https://hooks.example.com/partnerhub/outgoing/".repeat(4))
			.param("after", "trigger=order_placed; actions=" + "tag big-spender, notify admin, ".repeat(8))
			.param("detail", "kid" + this.suffix + "@partners.example.com")
			.update();
		// and one whose detail is a single long word (a URL): it must not push the other
		// columns off the screen
		this.jdbc.sql("""
				insert into audit_entry (actor, action, subject_type, subject_id, detail)
				values ('admin@example.com', 'integration.update', 'integration', 'stripe', :detail)
				""")
			.param("detail",
					"https://hooks.example.com/partnerhub/outgoing/a-webhook-endpoint-with-a-long-name-" + this.suffix)
			.update();
		// an admin-built page in this program's partner-center menu
		this.jdbc
			.sql("""
					insert into pc_page (title, slug, program_ids, published) values ('Hall of fame', :slug, array[:program]::bigint[], true)
					""")
			.param("slug", "hall-of-fame-" + this.suffix)
			.param("program", this.program.id())
			.update();
		// a rule that ran for Jane: its run log links to her
		this.ruleId = this.jdbc
			.sql("""
					insert into automation_rule (name, trigger_type, trigger_param) values (:name, 'daily', '3') returning id
					""")
			.param("name", "Layout rule " + this.suffix)
			.query(Long.class)
			.single();
		this.jdbc.sql("""
				insert into rule_run (rule_id, partner_id, trigger_type, at, outcome, actions_done)
				values (:rule, :partner, 'daily', now(), 'ok', 'nothing')
				""").param("rule", this.ruleId).param("partner", this.jane.id()).update();
	}

	@Test
	void thePartnerCenterHeaderWrapsCleanlyAtEveryWidth() {
		logIn(this.janeEmail, "jane-password-1");
		assertThat(this.page).hasURL(baseUrl() + "/partner");
		Locator name = this.page.locator("#partner-name");
		Locator hallOfFame = this.page.getByRole(AriaRole.LINK,
				new Page.GetByRoleOptions().setName("Hall of fame").setExact(true));
		for (int width : new int[] { 1920, 1366, 1280, 1200, 1024, 992, 768, 390, 320 }) {
			this.page.setViewportSize(width, 900);
			this.page.navigate("/partner");
			String at = width + " px";
			assertThat(layoutProblems(false)).as(at).isEmpty();
			double header = this.page.locator("header").boundingBox().height;
			assertThat(header).as("header height at " + at).isLessThan(width >= 992 ? 160 : 110);
			// the name is on one line, not one letter per line
			var box = name.boundingBox();
			assertThat(box.height).as("name height at " + at).isLessThan(30);
			assertThat(box.width).as("name width at " + at).isGreaterThan(60);
			assertThat(this.page.locator("#partner-program").boundingBox().height).as("program at " + at)
				.isLessThan(30);
			if (width < 992) {
				assertThat(hallOfFame).isHidden();
				this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Toggle navigation")).click();
			}
			assertThat(hallOfFame).isVisible();
			var link = hallOfFame.boundingBox();
			assertThat(link.x + link.width).as("menu inside the screen at " + at).isLessThanOrEqualTo(width);
			assertThat(layoutProblems(false)).as(at + ", menu open").isEmpty();
			if (width == 1366 || width == 390) {
				assertAccessible();
				screenshot("layout-partner-center-" + width);
			}
		}
		hallOfFame.click();
		assertThat(this.page).hasURL(baseUrl() + "/partner/pages/hall-of-fame-" + this.suffix);
	}

	@Test
	void everyConsoleListIsUsableOnAPhoneAndKeepsEmailsWhole() {
		adminLogIn();
		this.page.setViewportSize(390, 844);
		for (String url : CONSOLE_LISTS) {
			Response response = this.page.navigate(url);
			assertThat(response.status()).as(url).isEqualTo(200);
			assertThat(layoutProblems(false)).as(url + " at 390 px").isEmpty();
		}
		// the commission list: the rows start on the first screen, Amount and Status are
		// on it
		this.page.navigate("/admin/commissions?partner=" + this.jane.code());
		Locator table = this.page.locator("#commissions");
		assertThat(table.boundingBox().y).as("table top at 390 px").isLessThan(844);
		Locator firstRow = table.locator("tbody tr").first();
		for (String label : List.of("Amount", "Status")) {
			Locator cell = firstRow.locator("td[data-label=" + label + "]");
			assertThat(cell).isVisible();
			var box = cell.boundingBox();
			assertThat(box.x).isGreaterThanOrEqualTo(0);
			assertThat(box.x + box.width).as(label + " inside 390 px").isLessThanOrEqualTo(390);
		}
		assertThat(firstRow.locator("td[data-label=Amount]")).containsText("10.00 USD");
		assertThat(firstRow.locator("td[data-label=Status]")).containsText("pending");
		assertAccessible();
		screenshot("layout-admin-commissions-390");
		this.page.navigate("/admin");
		assertThat(layoutProblems(false)).isEmpty();
		assertAccessible();
		screenshot("layout-admin-dashboard-390");

		// at 1366 px: no list splits an e-mail, and the commission list's columns fit the
		// screen
		this.page.setViewportSize(1366, 900);
		for (String url : List.of("/admin/contacts", "/admin/partners", "/admin/commissions", "/admin/orders",
				"/admin/payouts", "/admin/outbox")) {
			this.page.navigate(url);
			assertThat(layoutProblems(true)).as(url + " at 1366 px").isEmpty();
		}
		// the audit log's changes and details are free text: an address inside them may
		// wrap (never letter by
		// letter), so that the columns fit the screen
		this.page.navigate("/admin/audit");
		assertThat(layoutProblems(false)).as("/admin/audit at 1366 px").isEmpty();
		this.page.navigate("/admin/commissions?partner=" + this.jane.code());
		assertThat(this.page.locator("#commissions td[title='" + this.buyerEmail + "']").first()).isVisible();
		assertAccessible();
		screenshot("layout-admin-commissions-1366");
		this.page.navigate("/admin");
		assertAccessible();
		screenshot("layout-admin-dashboard-1366");
	}

	@Test
	void linksInTheConsoleLeadToPagesAnAdminMayOpen() {
		adminLogIn();
		// the rule run log links to the partner's console page (by id, not by code)
		this.page.navigate("/admin/rules/" + this.ruleId);
		Response partner = this.page.waitForResponse(r -> r.url().contains("/admin/partners/"),
				() -> this.page.locator("#runs")
					.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(this.jane.code()))
					.click());
		assertThat(partner.status()).isEqualTo(200);
		assertThat(this.page).hasURL(baseUrl() + "/admin/partners/" + this.jane.id());
		assertThat(this.page.locator("h1")).containsText("Jane");

		// the partner-center "not found" page, shown to an admin, leads back to the
		// console
		Response missing = this.page.navigate("/admin/partner-center/999999999");
		assertThat(missing.status()).isEqualTo(404);
		Locator back = this.page.locator("#not-found-back");
		assertThat(back).hasAttribute("href", "/admin/partner-center");
		Response console = this.page.waitForResponse(r -> r.url().endsWith("/admin/partner-center"), back::click);
		assertThat(console.status()).isEqualTo(200);
		assertAccessible();
	}

	@Test
	void everyPageHasAFavicon() {
		BrowserContext anonymous = this.browser.newContext(new Browser.NewContextOptions().setBaseURL(baseUrl()));
		try {
			APIResponse icon = anonymous.request().get("/favicon.ico");
			assertThat(icon.status()).isEqualTo(200);
			assertThat(icon.headers().get("content-type")).matches("image/(x-icon|vnd\\.microsoft\\.icon)");
			byte[] body = icon.body();
			assertThat(body).startsWith(0, 0, 1, 0);
		}
		finally {
			anonymous.close();
		}
		adminLogIn();
		for (String url : List.of("/admin/no-such-page", "/admin/commissions", "/admin")) {
			this.page.navigate(url);
			assertThat(this.page.locator("link[rel=icon]")).hasAttribute("href", "/favicon.ico");
		}
		logOut();
		logIn(this.janeEmail, "jane-password-1");
		assertThat(this.page.locator("link[rel=icon]")).hasAttribute("href", "/favicon.ico");
	}

	@Test
	void referralsAndTierTwoPartnersExportCsv() throws Exception {
		logIn(this.janeEmail, "jane-password-1");
		this.page.navigate("/partner/referrals");
		Download referrals = this.page.waitForDownload(() -> this.page.locator("#referrals-csv").click());
		String csv = Files.readString(referrals.path(), StandardCharsets.UTF_8);
		assertThat(csv.lines().skip(1)).hasSize(3).anyMatch(l -> l.startsWith("Buyer No0,a***@customers.example.com,"));
		assertThat(csv).doesNotContain(this.buyerEmail);
		assertThat(referrals.suggestedFilename()).isEqualTo("referrals-last.csv");

		this.page.navigate("/partner/network");
		Download network = this.page.waitForDownload(() -> this.page.locator("#network-csv").click());
		String kids = Files.readString(network.path(), StandardCharsets.UTF_8);
		assertThat(kids.lines().toList()).hasSize(2).element(1).asString().startsWith("Kid Layout,");
		assertThat(kids).doesNotContain("@");
		assertThat(network.suggestedFilename()).isEqualTo("tier-2-partners.csv");
	}

	@Test
	void commissionsAreApprovedOrDeclinedOneByOneAndInBulkOnlyAfterConfirmation() {
		adminLogIn();
		this.page.setViewportSize(1366, 900);
		this.page.navigate(
				"/admin/commissions?partner=" + this.jane.code() + "&program=" + this.program.id() + "&status=pending");
		// the filter in words and the count, in the form and in the question
		assertThat(this.page.locator("#scope-filter-label")).containsText("All 3 pending commissions matching program "
				+ this.program.name() + ", partner " + this.jane.code() + ", status pending");
		List<String> asked = new ArrayList<>();
		this.page.onceDialog(dialog -> {
			asked.add(dialog.message());
			dialog.dismiss();
		});
		this.page.locator("#scope-filter").check();
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve").setExact(true)).click();
		assertThat(asked).containsExactly("Approve all 3 pending commissions matching program " + this.program.name()
				+ ", partner " + this.jane.code() + ", status pending?");
		// dismissed: nothing ran, still on the list with 3 pending
		assertThat(this.page).hasURL(Pattern.compile(".*/admin/commissions\\?.*"));
		assertThat(this.page.locator("#total-pending")).hasAttribute("data-count", "3");
		// a status without commissions still says its currency
		assertThat(this.page.locator("#total-approved")).containsText("0.00 USD");

		// one row approved, another declined with a reason, right from the list
		List<String> ids = this.page.locator("#commissions tbody input[name=ids]")
			.all()
			.stream()
			.map(box -> box.getAttribute("value"))
			.toList();
		assertThat(ids).hasSize(3);
		this.page.locator("#approve-" + ids.get(0)).click();
		assertThat(this.page.getByRole(AriaRole.STATUS)).hasText("Commission " + ids.get(0) + " approved.");
		assertThat(this.page).hasURL(Pattern.compile(".*status=pending.*"));
		assertThat(this.page.locator("#total-pending")).hasAttribute("data-count", "2");
		this.page.locator("#decline-" + ids.get(1)).click();
		this.page.locator("#reason-" + ids.get(1)).fill("test order");
		this.page.locator("#reason-" + ids.get(1)).press("Enter");
		assertThat(this.page.getByRole(AriaRole.STATUS)).hasText("Commission " + ids.get(1) + " declined.");
		assertThat(this.page.locator("#total-pending")).hasAttribute("data-count", "1");
		String status = this.jdbc
			.sql("select status || ':' || coalesce(decline_reason, '') from commission where id = :id")
			.param("id", Long.parseLong(ids.get(1)))
			.query(String.class)
			.single();
		assertThat(status).isEqualTo("declined:test order");
		assertAccessible();
	}

	@Test
	void theApiDocsGroupOperationsByResourceAndLeadBackToTheConsole() {
		adminLogIn();
		this.page.navigate("/admin/api-docs");
		Locator tags = this.page.locator(".opblock-tag");
		// the first visit builds the OpenAPI document: slow on a busy machine
		assertThat(tags.first())
			.isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(90_000));
		List<String> names = tags.allInnerTexts().stream().map(String::strip).distinct().toList();
		assertThat(names).anyMatch(n -> n.startsWith("Orders"))
			.anyMatch(n -> n.startsWith("Commissions"))
			.anyMatch(n -> n.startsWith("Rollup fields"))
			.noneMatch(n -> n.toLowerCase(java.util.Locale.ROOT).contains("controller"));
		Locator back = this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("← Back to the console"));
		assertThat(back).hasAttribute("href", "/admin");
	}

	@Test
	void theAddBlockFormShowsOnlyTheChosenTypesFields() {
		long pageId = this.jdbc.sql("""
				insert into pc_page (title, slug, program_ids) values ('Block form', :slug, array[:program]::bigint[])
				returning id
				""")
			.param("slug", "block-form-" + this.suffix)
			.param("program", this.program.id())
			.query(Long.class)
			.single();
		adminLogIn();
		this.page.navigate("/admin/partner-center/" + pageId);
		Locator type = this.page.locator("#block-type");
		type.selectOption("text");
		assertThat(this.page.locator("#block-html")).isVisible();
		for (String other : List.of("#block-title", "#block-figure", "#block-rollup", "#block-source",
				"#list-conditions", "#block-sort", "#block-columns", "#block-top", "#block-days")) {
			assertThat(this.page.locator(other)).isHidden();
		}
		type.selectOption("chart");
		assertThat(this.page.locator("#block-days")).isVisible();
		assertThat(this.page.locator("#block-title")).isVisible();
		assertThat(this.page.locator("#block-html")).isHidden();
		assertThat(this.page.locator("#block-top")).isHidden();
		type.selectOption("list");
		for (String field : List.of("#block-title", "#block-source", "#list-conditions", "#block-sort",
				"#block-columns", "#block-size")) {
			assertThat(this.page.locator(field)).isVisible();
		}
		assertThat(this.page.locator("#block-figure")).isHidden();
		assertAccessible();
		// the form still works: a chart block is added with its days
		type.selectOption("chart");
		this.page.locator("#block-days").fill("14");
		this.page.locator("#add-block").click();
		assertThat(this.page.locator("#block-list .block-type")).hasText("Earnings chart");

		// without JavaScript every field stays visible
		BrowserContext noScript = this.browser
			.newContext(new Browser.NewContextOptions().setBaseURL(baseUrl()).setJavaScriptEnabled(false));
		try {
			Page plain = noScript.newPage();
			String[] admin = printedAdmin();
			plain.navigate("/login");
			plain.getByLabel("E-mail").fill(admin[0]);
			plain.getByLabel("Password").fill(admin[1]);
			plain.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
			plain.navigate("/admin/partner-center/" + pageId);
			for (String field : List.of("#block-html", "#block-days", "#block-top", "#block-source")) {
				assertThat(plain.locator(field)).isVisible();
			}
		}
		finally {
			noScript.close();
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void conditionBuildersUpdateInPlaceWithoutReloadingThePage() {
		adminLogIn();
		this.page.navigate("/admin/rollups/new");
		this.page.locator("#name").fill("In place " + this.suffix);
		this.page.evaluate("() => window.stillTheSamePage = true");
		assertThat(this.page.locator(".rollup-row")).hasCount(1);
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add condition").setExact(true))
			.click();
		assertThat(this.page.locator(".rollup-row")).hasCount(2);
		// the typed name survived, the page did not reload, the keyboard stays on the
		// button
		assertThat(this.page.locator("#name")).hasValue("In place " + this.suffix);
		assertThat(this.page.evaluate("() => window.stillTheSamePage === true")).isEqualTo(true);
		assertThat(this.page.locator(":focus")).hasText("Add condition");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove").setExact(true)).click();
		assertThat(this.page.locator(".rollup-row")).hasCount(1);
		assertThat(this.page.evaluate("() => window.stillTheSamePage === true")).isEqualTo(true);
		assertAccessible();

		// the rule form too
		this.page.navigate("/admin/rules/new");
		this.page.evaluate("() => window.stillTheSamePage = true");
		int before = this.page.locator(".rollup-row").count();
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add condition").setExact(true))
			.first()
			.click();
		assertThat(this.page.locator(".rollup-row")).hasCount(before + 1);
		assertThat(this.page.evaluate("() => window.stillTheSamePage === true")).isEqualTo(true);
		// the parameter pickers: the search box (shown by the script) narrows the options
		Locator box = this.page.getByLabel("Filter the choices for action 1");
		assertThat(box).isVisible();
		box.fill("approved");
		Object shown = this.page.evaluate("() => Array.from(document.getElementById('actions0.param').options)"
				+ ".filter(o => !o.hidden && o.value).map(o => o.text)");
		org.assertj.core.api.Assertions.assertThat((List<String>) shown)
			.contains("approved")
			.allMatch(text -> text.contains("approved"));
		assertAccessible();
	}

	private void adminLogIn() {
		String[] admin = printedAdmin();
		logIn(admin[0], admin[1]);
		assertThat(this.page).hasURL(baseUrl() + "/admin");
	}

	@SuppressWarnings("unchecked")
	private List<String> layoutProblems(boolean emailsOnOneLine) {
		return (List<String>) this.page.evaluate(LAYOUT_PROBLEMS, emailsOnOneLine);
	}

}
