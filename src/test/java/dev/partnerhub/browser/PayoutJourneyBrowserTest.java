package dev.partnerhub.browser;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.partnerhub.orders.OrderApi;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.Enrollment;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramDefinition;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4's journey: the partner sees pending earnings; the admin filters commissions,
 * bulk-approves them with the progress bar, creates a payout batch, downloads the PayPal
 * CSV and marks it paid; the partner's earnings have moved from pending to paid.
 */
class PayoutJourneyBrowserTest extends BrowserTestSupport {

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactService contacts;

	@Autowired
	OrderApi orders;

	@Test
	void pendingEarningsAreApprovedBatchedAndPaid() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var product = this.programs.createProduct("journey-" + suffix, "Journey course", new BigDecimal("80.00"),
				"USD");
		ProgramSummary program = this.programs.createProgram(new ProgramDefinition("Payout journey " + suffix,
				"https://shop.example.com/", 1, "USD", Rate.percent("25"), Rate.percent("0"), 30, null,
				new BigDecimal("10.00"), true, null, null, List.of()));
		String code = "pay" + suffix;
		String email = code + "@partners.example.com";
		long contactId = this.contacts.create(email, "Robin", "Payee").id();
		PartnerSummary partner = this.partners.enroll(new Enrollment(contactId, program.id(), code,
				PartnerStatus.APPROVED, null, "robin-" + suffix + "@paypal.example.com", "robin-password-1"));
		for (int i = 0; i < 3; i++) {
			this.orders.place(new OrderApi.NewOrder("journey-" + suffix + "-" + i,
					"buyer" + i + "-" + suffix + "@customers.example.com", "Buyer", "" + i, code, null, "USD", false,
					List.of(new OrderApi.Line(product.sku(), 1, new BigDecimal("80.00")))));
		}
		// 3 sales × 25 % of 80.00 = 60.00 pending.

		logIn(email, "robin-password-1");
		assertThat(this.page.locator("#earnings-pending")).hasText("60.00");
		assertThat(this.page.locator("#earnings-paid")).hasText("0.00");
		logOut();

		String[] admin = printedAdmin();
		logIn(admin[0], admin[1]);
		this.page.navigate("/admin/commissions");
		this.page.locator("#partner").fill(code);
		this.page.locator("#status").selectOption("pending");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Filter")).click();
		assertThat(this.page.locator("table")).containsText(code);
		assertAccessible();
		this.page.locator("#scope-filter").check();
		// approving everything the filter matches asks first, naming the filter and the
		// count
		java.util.List<String> asked = new java.util.ArrayList<>();
		this.page.onceDialog(dialog -> {
			asked.add(dialog.message());
			dialog.accept();
		});
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve").setExact(true)).click();
		assertThat(this.page).hasURL(Pattern.compile(".*/admin/jobs/\\d+$"));
		assertThat(this.page.getByRole(AriaRole.PROGRESSBAR)).hasAttribute("aria-valuenow", "100",
				new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(20_000));
		org.assertj.core.api.Assertions.assertThat(asked)
			.containsExactly("Approve all 3 pending commissions matching partner " + code + ", status pending?");
		assertAccessible();
		screenshot("payout-01-bulk-approved");

		this.page.navigate("/admin/payouts/new?program=" + program.id());
		assertThat(this.page.locator("body")).containsText(code);
		assertAccessible();
		this.page.onDialog(dialog -> dialog.accept());
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create payout batch")).click();
		assertThat(this.page).hasURL(Pattern.compile(".*/admin/payouts/\\d+$"));
		assertThat(this.page.locator("table")).containsText("60.00");
		assertAccessible();

		Download download = this.page.waitForDownload(
				() -> this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("PayPal CSV")).click());
		String csv = Files.readString(download.path(), StandardCharsets.UTF_8);
		assertThat(csv).contains("robin-" + suffix + "@paypal.example.com,60.00,USD");

		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Mark paid").setExact(true)).click();
		assertThat(this.page.locator("h1")).containsText("paid");
		screenshot("payout-02-paid");
		logOut();

		logIn(email, "robin-password-1");
		assertThat(this.page.locator("#earnings-pending")).hasText("0.00");
		assertThat(this.page.locator("#earnings-approved")).hasText("0.00");
		assertThat(this.page.locator("#earnings-paid")).hasText("60.00");
		assertAccessible();
		screenshot("payout-03-partner-paid");
	}

}
