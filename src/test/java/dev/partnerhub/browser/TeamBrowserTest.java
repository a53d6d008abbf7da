package dev.partnerhub.browser;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.mail.Mailbox;
import dev.partnerhub.orders.OrderApi;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.domain.Enrollment;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramDefinition;
import dev.partnerhub.programs.domain.ProgramService;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 18's team journey: the owner invites a finance user and a viewer on the users
 * page; each sets his password from the invitation e-mail (GreenMail, sent by the app's
 * scheduled sender) and logs in. The finance user approves the commissions, creates a
 * payout batch and marks it paid, but saving a program is a 403; the viewer reads the
 * console and gets a 403 on a POST.
 */
class TeamBrowserTest extends BrowserTestSupport {

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactService contacts;

	@Autowired
	OrderApi orders;

	@Test
	void theOwnerInvitesAFinanceUserWhoPaysABatchButCannotEditProgramsAndAViewerWhoCannotPost() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var product = this.programs.createProduct("team-" + suffix, "Team course", new BigDecimal("40.00"), "USD");
		ProgramSummary program = this.programs.createProgram(new ProgramDefinition("Team journey " + suffix,
				"https://shop.example.com/", 1, "USD", Rate.percent("25"), Rate.percent("0"), 30, null,
				new BigDecimal("1.00"), true, null, null, List.of()));
		String code = "team" + suffix;
		long contactId = this.contacts.create(code + "@partners.example.com", "Terry", "Teamed").id();
		this.partners.enroll(new Enrollment(contactId, program.id(), code, PartnerStatus.APPROVED, null,
				"terry-" + suffix + "@paypal.example.com", "terry-password-1"));
		for (int i = 0; i < 2; i++) {
			this.orders.place(new OrderApi.NewOrder("team-" + suffix + "-" + i,
					"buyer" + i + "-" + suffix + "@customers.example.com", "Buyer", "" + i, code, null, "USD", false,
					List.of(new OrderApi.Line(product.sku(), 1, new BigDecimal("40.00")))));
		}
		String finance = "fin-" + suffix + "@team.example.com";
		String viewer = "view-" + suffix + "@team.example.com";

		String[] owner = printedAdmin();
		logIn(owner[0], owner[1]);
		this.page.navigate("/admin/users");
		assertAccessible();
		invite(finance, "Fiona Finance", "FINANCE");
		invite(viewer, "Victor Viewer", "VIEWER");
		Locator financeRow = this.page.locator("#users tbody tr")
			.filter(new Locator.FilterOptions().setHasText(finance));
		assertThat(financeRow).containsText("Invited");
		assertThat(financeRow).containsText("Fiona Finance");
		assertAccessible();
		this.page.setViewportSize(390, 844);
		screenshot("team-01-users-phone");
		this.page.setViewportSize(1280, 800);
		logOut();

		setPassword(finance, "fionas-password-1");
		logIn(finance, "fionas-password-1");
		assertThat(this.page).hasURL(baseUrl() + "/admin");
		this.page.navigate("/admin/commissions");
		this.page.locator("#partner").fill(code);
		this.page.locator("#status").selectOption("pending");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Filter")).click();
		this.page.locator("#scope-filter").check();
		this.page.onceDialog(dialog -> dialog.accept());
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve").setExact(true)).click();
		assertThat(this.page).hasURL(Pattern.compile(".*/admin/jobs/\\d+$"));
		assertThat(this.page.getByRole(AriaRole.PROGRESSBAR)).hasAttribute("aria-valuenow", "100",
				new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(20_000));
		this.page.navigate("/admin/payouts/new?program=" + program.id());
		this.page.onDialog(dialog -> dialog.accept());
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create payout batch")).click();
		assertThat(this.page).hasURL(Pattern.compile(".*/admin/payouts/\\d+$"));
		assertThat(this.page.locator("table")).containsText("20.00");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Mark paid").setExact(true)).click();
		assertThat(this.page.locator("h1")).containsText("paid");
		screenshot("team-02-finance-paid");
		// reading a program is fine; saving it is not offered, and posting it anyway is a
		// 403
		this.page.navigate("/admin/programs/" + program.id());
		assertThat(this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Edit program"))).hasCount(0);
		this.page.navigate("/admin/programs/" + program.id() + "/edit");
		assertThat(this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save program")))
			.hasCount(0);
		assertThat(postWithToken("/admin/programs/" + program.id() + "/edit")).isEqualTo(403);
		assertThat(this.programs.findProgram(program.id()).orElseThrow().name()).isEqualTo(program.name());
		this.page.navigate("/admin");
		logOut();

		setPassword(viewer, "victors-password-1");
		logIn(viewer, "victors-password-1");
		assertThat(this.page).hasURL(baseUrl() + "/admin");
		this.page.navigate("/admin/users");
		assertThat(this.page.locator("#invite-email")).hasCount(0);
		assertThat(this.page.locator("#users")).containsText(finance);
		this.page.navigate("/admin/api-keys");
		assertThat(this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create key"))).hasCount(0);
		assertThat(postWithToken("/admin/api-keys")).isEqualTo(403);
		screenshot("team-03-viewer-403");
	}

	/**
	 * A post of the console form the page no longer offers, with this session's cookie
	 * and CSRF token (from the log-out form every page keeps): what the security rules
	 * say, not what the page shows.
	 */
	private int postWithToken(String path) {
		String token = this.page.locator("form[action='/logout'] input[name='_csrf']").getAttribute("value");
		return this.page.request()
			.post(baseUrl() + path,
					com.microsoft.playwright.options.RequestOptions.create()
						.setForm(com.microsoft.playwright.options.FormData.create().set("_csrf", token))
						.setMaxRedirects(0))
			.status();
	}

	private void invite(String email, String name, String role) {
		this.page.locator("#invite-email").fill(email);
		this.page.locator("#invite-name").fill(name);
		this.page.locator("#invite-role").selectOption(role);
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Invite").setExact(true)).click();
		assertThat(this.page.locator("body")).containsText("Invitation sent to " + email);
	}

	private void setPassword(String email, String password) {
		MimeMessage invitation = await().alias("an e-mail to " + email)
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> Mailbox.to(greenMail, email), received -> !received.isEmpty())
			.get(0);
		String link = Mailbox.link(invitation, "/account/set-password");
		this.page.navigate(link.substring(link.indexOf("/account/")));
		assertAccessible();
		this.page.getByLabel("New password").fill(password);
		this.page.getByLabel("Repeat the password").fill(password);
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save password")).click();
		assertThat(this.page).hasURL(baseUrl() + "/login?passwordSet");
	}

}
