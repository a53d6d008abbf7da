package dev.partnerhub.browser;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.orders.OrderApi;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.Enrollment;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.payouts.PayoutDetailsApi;
import dev.partnerhub.payouts.PayoutDetailsApi.MethodChange;
import dev.partnerhub.programs.PayoutOptions;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramDefinition;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Issue 19's journeys: a partner enters bank and tax details in the partner center (a bad
 * IBAN first); an admin creates a mixed batch (PayPal, SEPA, other), downloads its files
 * and pays every item with a reference.
 */
class PayoutMethodsBrowserTest extends BrowserTestSupport {

	static final String PASSWORD = "payee-password-1";

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactService contacts;

	@Autowired
	OrderApi orders;

	@Autowired
	PayoutOptions options;

	@Autowired
	PayoutDetailsApi details;

	@Autowired
	JdbcClient jdbc;

	ProgramSummary euroProgram(String suffix, boolean requireTax) {
		ProgramSummary program = this.programs
			.createProgram(new ProgramDefinition("Methods " + suffix, "https://shop.example.com/", 1, "EUR",
					Rate.percent("10"), Rate.percent("0"), 30, null, BigDecimal.ZERO, true, null, null, List.of()));
		this.options.setPayoutOptions(program.id(), Set.of("paypal", "bank", "other"), requireTax);
		return program;
	}

	PartnerSummary partner(ProgramSummary program, String code, String payoutEmail) {
		long contactId = this.contacts.create(code + "@partners.example.com", "Pat", code).id();
		return this.partners
			.enroll(new Enrollment(contactId, program.id(), code, PartnerStatus.APPROVED, null, payoutEmail, PASSWORD));
	}

	@Test
	void aPartnerEntersBankAndTaxDetails() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		ProgramSummary program = euroProgram(suffix, true);
		String code = "bank" + suffix;
		partner(program, code, null);

		logIn(code + "@partners.example.com", PASSWORD);
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Payout details")).click();
		assertThat(this.page.locator("#tax-required")).isVisible();
		assertAccessible();

		this.page.getByLabel("Bank transfer").check();
		this.page.locator("#accountHolder").fill("Pat Payee");
		this.page.locator("#iban").fill("DE89 3704 0044 0532 0130 01");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save payout method")).click();
		assertThat(this.page.locator("#iban-error")).containsText("not a valid IBAN");
		assertThat(this.page.locator("#iban")).hasValue("");
		assertAccessible();

		this.page.getByLabel("Bank transfer").check();
		this.page.locator("#iban").fill("DE89 3704 0044 0532 0130 00");
		this.page.getByLabel("BIC (optional)").fill("COBADEFFXXX");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save payout method")).click();
		assertThat(this.page.locator("body")).containsText("Your payout method was saved.");
		assertThat(this.page.locator("#current-iban")).hasText("IBAN DE89 **** **** **** **30 00");
		assertThat(this.page.locator("body")).not().containsText("DE89370400440532013000");

		this.page.locator("#legalName").fill("Pat Payee");
		this.page.locator("#country").fill("DE");
		this.page.locator("#taxId").fill("DE123456789");
		this.page.getByLabel("an individual").check();
		this.page.getByLabel("Under penalties of perjury").check();
		this.page.locator("#signedName").fill("Pat Payee");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save tax details")).click();
		assertThat(this.page.locator("#tax-on-file")).containsText("*******6789");
		assertThat(this.page.locator("#tax-on-file")).containsText("Pat Payee");
		assertAccessible();
		screenshot("payout-methods-01-partner-details");
	}

	@Test
	void anAdminCreatesAndPaysAMixedBatchAndDownloadsItsFiles() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		ProgramSummary program = euroProgram(suffix, false);
		ProductSummary product = this.programs.createProduct("methods-" + suffix, "Methods course",
				new BigDecimal("100.00"), "EUR");
		PartnerSummary paypal = partner(program, "pp" + suffix, "pp-" + suffix + "@paypal.example.com");
		PartnerSummary bank = partner(program, "sepa" + suffix, null);
		this.details.changeMethod(bank.id(),
				new MethodChange("bank", null, "A & B <x>", "DE89370400440532013000", null, null, null));
		PartnerSummary other = partner(program, "oth" + suffix, null);
		this.details.changeMethod(other.id(),
				new MethodChange("other", null, null, null, null, null, "Cheque to 1 Main St"));
		int n = 0;
		for (PartnerSummary p : List.of(paypal, bank, other)) {
			this.orders.place(new OrderApi.NewOrder("methods-" + suffix + "-" + n++,
					"buyer" + n + "-" + suffix + "@customers.example.com", "Buyer", "B", p.code(), null, "EUR", false,
					List.of(new OrderApi.Line(product.sku(), 1, new BigDecimal("100.00")))));
		}
		this.jdbc.sql("""
				update commission set status = 'approved', approved_at = now()
				where status = 'pending' and partner_id in (:ids)
				""").param("ids", List.of(paypal.id(), bank.id(), other.id())).update();

		String[] admin = printedAdmin();
		logIn(admin[0], admin[1]);
		this.page.navigate("/admin/payouts/new?program=" + program.id());
		assertThat(this.page.locator("#payable")).containsText("Bank transfer");
		assertAccessible();
		this.page.onDialog(dialog -> dialog.accept());
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create payout batch")).click();
		assertThat(this.page).hasURL(Pattern.compile(".*/admin/payouts/\\d+$"));
		assertThat(this.page.locator("#items")).containsText("DE89 **** **** **** **30 00");
		assertAccessible();

		Download paypalFile = this.page.waitForDownload(
				() -> this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("PayPal CSV")).click());
		org.assertj.core.api.Assertions.assertThat(Files.readString(paypalFile.path(), StandardCharsets.UTF_8))
			.startsWith("pp-" + suffix + "@paypal.example.com,10.00,EUR,");
		Download sepa = this.page.waitForDownload(
				() -> this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("SEPA XML")).click());
		org.assertj.core.api.Assertions.assertThat(Files.readString(sepa.path(), StandardCharsets.UTF_8))
			.contains("<IBAN>DE89370400440532013000</IBAN>")
			.contains("A &amp; B &lt;x&gt;")
			.contains("<CtrlSum>10.00</CtrlSum>");
		Download manual = this.page.waitForDownload(
				() -> this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Manual list")).click());
		org.assertj.core.api.Assertions.assertThat(Files.readString(manual.path(), StandardCharsets.UTF_8))
			.contains("Cheque to 1 Main St");

		for (PartnerSummary p : List.of(paypal, bank, other)) {
			this.page.getByLabel("Payment reference for " + p.code()).fill("REF-" + p.code());
			this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Mark " + p.code() + " paid"))
				.click();
			assertThat(this.page.locator("#items")).containsText("Ref. REF-" + p.code());
		}
		assertThat(this.page.locator("h1")).containsText("paid");
		assertAccessible();
		screenshot("payout-methods-02-mixed-batch-paid");
	}

}
