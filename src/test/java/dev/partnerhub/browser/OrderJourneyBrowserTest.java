package dev.partnerhub.browser;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.time.Duration;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.Enrollment;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramDefinition;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole money path in a real browser: a child partner's tracked link, the snippet
 * keeping the click token, an opt-in, an order on the hosted form (recorded unpaid), the
 * admin's "Mark paid" in the console, and the tier-1 and tier-2 commissions it then
 * earns.
 */
class OrderJourneyBrowserTest extends BrowserTestSupport {

	// Odd amounts on purpose: 3 × 33.33 = 99.99; 25 % and 10 % of it both need HALF_UP
	// rounding.
	private static final BigDecimal PRICE = new BigDecimal("33.33");

	private static final int QUANTITY = 3;

	private static final BigDecimal FIRST_RATE = new BigDecimal("25");

	private static final BigDecimal SECOND_RATE = new BigDecimal("10");

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactApi contacts;

	@Autowired
	JdbcClient jdbc;

	private record Setup(ProductSummary product, PartnerSummary parent, PartnerSummary child) {
	}

	/**
	 * A two-tier program landing on {@code landingPath}, a parent partner and the child
	 * he recruited.
	 */
	private Setup setUp(String suffix, String landingPath) {
		ProductSummary product = this.programs.createProduct("journey-" + suffix, "Widget Masterclass " + suffix, PRICE,
				"USD");
		String landing = baseUrl() + landingPath.replace("{sku}", product.sku());
		ProgramSummary program = this.programs.createProgram(new ProgramDefinition("Journey program " + suffix, landing,
				2, "USD", Rate.percent(FIRST_RATE.toPlainString()), Rate.percent(SECOND_RATE.toPlainString()), 30, null,
				BigDecimal.ZERO, true, null, null, List.of()));
		ContactSummary parentContact = this.contacts.create("parent-" + suffix + "@test.local", "Parker", "Parent");
		PartnerSummary parent = this.partners.enroll(new Enrollment(parentContact.id(), program.id(), "jp" + suffix,
				PartnerStatus.APPROVED, null, null, null));
		ContactSummary childContact = this.contacts.create("child-" + suffix + "@test.local", "Chris", "Child");
		PartnerSummary child = this.partners.enroll(new Enrollment(childContact.id(), program.id(), "jc" + suffix,
				PartnerStatus.APPROVED, parent.id(), null, null));
		return new Setup(product, parent, child);
	}

	@Test
	void clickSnippetOptInOrderAndBothTiersOfCommission() throws Exception {
		String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		Setup setup = setUp(suffix, "/examples/sales-page.html");

		// Click: the child's tracked link lands on the sales page with the click token.
		this.page.navigate("/r/" + setup.child().code() + "?sub=journey");
		assertThat(this.page).hasURL(Pattern.compile("/examples/sales-page\\.html\\?ref=[A-Za-z0-9_-]{20,}$"));
		String token = this.page.url().substring(this.page.url().indexOf("ref=") + 4);

		// Snippet and opt-in: t.js put the token into the opt-in form.
		assertThat(this.page.locator("#opt-in input[type=hidden][name=referral]")).hasValue(token);
		String email = "journey-" + suffix + "@test.local";
		this.page.getByLabel("First name").fill("Olivia");
		this.page.getByLabel("Last name").fill("Opt-in");
		this.page.getByLabel("E-mail").fill(email);
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send me the lesson")).click();
		assertThat(this.page.getByRole(AriaRole.HEADING)).containsText("Thank you");
		// double opt-in: nothing exists until the address confirms with the e-mail's link
		org.assertj.core.api.Assertions.assertThat(this.contacts.findByEmail(email)).isEmpty();
		String confirmation = dev.partnerhub.tracking.OptInLinks.latestToken(this.jdbc, email).orElseThrow();
		this.page.navigate("/join/confirm/" + confirmation);
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm sign-up")).click();
		ContactSummary optedIn = this.contacts.findByEmail(email).orElseThrow();
		assertThat(optedIn.firstReferrerId()).isEqualTo(setup.child().id());

		// Order: the hosted form, reached later without ?ref=: the ph_ref cookie of the
		// click still carries it.
		this.page.navigate("/buy/" + setup.product().sku());
		assertThat(this.page.locator("input[type=hidden][name=referral]")).hasValue(token);
		assertThat(this.page.locator("#price")).hasText("33.33 USD");
		assertAccessible();
		screenshot("journey-01-buy");
		String orderId = placeOrder(email);

		markPaidInTheConsole(orderId);
		assertCredited(setup, orderId, email, token);
	}

	@Test
	void aTrackedLinkStraightToTheOrderFormCreditsTheChildAndHisParent() throws Exception {
		String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		Setup setup = setUp(suffix, "/buy/{sku}");

		this.page.navigate("/r/" + setup.child().code());
		assertThat(this.page).hasURL(Pattern.compile("/buy/" + setup.product().sku() + "\\?ref=[A-Za-z0-9_-]{20,}$"));
		String token = this.page.url().substring(this.page.url().indexOf("ref=") + 4);
		assertThat(this.page.locator("input[type=hidden][name=referral]")).hasValue(token);
		assertThat(this.page.evaluate("() => window.partnerhub.referral()")).isEqualTo(token);

		// A field error first: shown beside the field, still accessible, the referral
		// kept.
		this.page.getByLabel("First name").fill("Bo");
		this.page.getByLabel("E-mail").fill("not-an-address");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Place order")).click();
		assertThat(this.page.locator("#email-error")).containsText("valid e-mail");
		assertThat(this.page.getByLabel("E-mail")).hasAttribute("aria-describedby", "email-error");
		assertThat(this.page.locator("input[type=hidden][name=referral]")).hasValue(token);
		assertAccessible();
		screenshot("journey-02-buy-error");

		String email = "direct-" + suffix + "@test.local";
		String orderId = placeOrder(email);

		// Reloading the thank-you page is a GET: still one order.
		this.page.reload();
		assertThat(this.page.locator("#order-id")).hasText(orderId);
		assertThat(this.jdbc
			.sql("select count(*) from customer_order o join contact c on c.id = o.contact_id "
					+ "where lower(c.email) = :e")
			.param("e", email)
			.query(Long.class)
			.single()).isEqualTo(1);

		markPaidInTheConsole(orderId);
		assertCredited(setup, orderId, email, token);
	}

	private String placeOrder(String email) {
		this.page.getByLabel("First name").fill("Bea");
		this.page.getByLabel("Last name").fill("Buyer");
		this.page.getByLabel("E-mail").fill(email);
		this.page.getByLabel("Quantity").fill(Integer.toString(QUANTITY));
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Place order")).click();
		assertThat(this.page.getByRole(AriaRole.HEADING)).containsText("Thank you for your order");
		assertThat(this.page.getByText("99.99 USD")).isVisible();
		String orderId = this.page.locator("#order-id").textContent().strip();
		assertThat(orderId).startsWith("web-");
		// The form took no payment: the order is recorded as unpaid and earns nothing
		// yet.
		assertThat(this.page.locator("#payment-notice"))
			.containsText("recorded as unpaid until the payment is confirmed");
		assertThat(this.page.locator("#order-status")).hasText("unpaid");
		assertAccessible();
		screenshot("journey-03-thank-you-" + orderId.substring(4, 12));
		assertThat(this.jdbc
			.sql("select count(*) from commission c join customer_order o on o.id = c.order_id "
					+ "where o.order_id = :id")
			.param("id", orderId)
			.query(Long.class)
			.single()).isZero();
		return orderId;
	}

	/**
	 * The shop's admin confirms that the payment arrived: only now does the order earn
	 * its commissions.
	 */
	private void markPaidInTheConsole(String orderId) {
		String[] admin = printedAdmin();
		logIn(admin[0], admin[1]);
		this.page.navigate("/admin/orders?status=unpaid&q=" + orderId);
		assertThat(this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(orderId))).isVisible();
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(orderId)).click();
		assertThat(this.page.locator("#order-status")).hasText("unpaid");
		assertThat(this.page.locator("#unpaid-order")).containsText("earns no commission");
		assertAccessible();
		screenshot("journey-04-unpaid-order-" + orderId.substring(4, 12));
		this.page.onDialog(dialog -> dialog.accept());
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Mark paid")).click();
		assertThat(this.page.getByRole(AriaRole.STATUS)).containsText("Payment confirmed");
		assertThat(this.page.locator("#order-status")).hasText("completed");
		assertThat(this.page.locator("#order-commissions tbody tr")).hasCount(2);
		assertAccessible();
		screenshot("journey-05-paid-order-" + orderId.substring(4, 12));
	}

	private void assertCredited(Setup setup, String orderId, String email, String token) throws InterruptedException {
		ContactSummary buyer = this.contacts.findByEmail(email).orElseThrow();
		assertThat(buyer.firstReferrerId()).isEqualTo(setup.child().id());
		assertThat(buyer.lastReferrerId()).isEqualTo(setup.child().id());

		BigDecimal net = PRICE.multiply(BigDecimal.valueOf(QUANTITY));
		BigDecimal tier1 = FIRST_RATE.multiply(net).divide(BigDecimal.valueOf(100)).setScale(2, RoundingMode.HALF_UP);
		BigDecimal tier2 = SECOND_RATE.multiply(net).divide(BigDecimal.valueOf(100)).setScale(2, RoundingMode.HALF_UP);
		List<Map<String, Object>> commissions = this.jdbc.sql("""
				select c.partner_id, c.tier, c.amount, c.status from commission c
				join customer_order o on o.id = c.order_id where o.order_id = :id order by c.tier
				""").param("id", orderId).query().listOfRows();
		assertThat(commissions).hasSize(2);
		assertThat(commissions.get(0)).containsEntry("partner_id", setup.child().id())
			.containsEntry("status", "pending");
		assertThat((BigDecimal) commissions.get(0).get("amount")).isEqualByComparingTo(tier1)
			.isEqualByComparingTo("25.00");
		assertThat(commissions.get(1)).containsEntry("partner_id", setup.parent().id())
			.containsEntry("status", "pending");
		assertThat((BigDecimal) commissions.get(1).get("amount")).isEqualByComparingTo(tier2)
			.isEqualByComparingTo("10.00");

		// The click is written by the background writer (every 200 ms): wait a little for
		// it.
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(
					() -> assertThat(this.jdbc.sql("select count(*) from click where token = :t and partner_id = :p")
						.param("t", token)
						.param("p", setup.child().id())
						.query(Long.class)
						.single()).as("the click row of the tracked link").isEqualTo(1));
	}

}
