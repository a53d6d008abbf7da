package dev.partnerhub.browser;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.orders.OrderFixtures;
import dev.partnerhub.orders.domain.OrderService;
import dev.partnerhub.orders.domain.PlaceOrder;
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

/**
 * An admin checks his partners' earnings: commissions filtered by status with the totals
 * above the list, then the order behind one of them. Accessible and without sideways
 * scrolling on a phone.
 */
class OrderConsoleBrowserTest extends BrowserTestSupport {

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactService contacts;

	@Autowired
	OrderService orders;

	@Autowired
	JdbcClient jdbc;

	@Test
	void adminFiltersCommissionsAndOpensAnOrder() {
		String[] order = placeOrders();
		String[] admin = printedAdmin();
		logIn(admin[0], admin[1]);
		assertThat(this.page).hasURL(baseUrl() + "/admin");

		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Commissions")).click();
		assertThat(this.page.getByRole(AriaRole.HEADING,
				new Page.GetByRoleOptions().setName("Commissions").setExact(true)))
			.isVisible();
		assertAccessible();
		this.page.locator("#partner").fill(order[1]);
		this.page.locator("#status").selectOption("approved");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Filter")).click();
		assertThat(this.page).hasURL(Pattern.compile(".*status=approved.*"));
		assertThat(this.page.locator("#total-approved .total-count")).hasText("1");
		assertThat(this.page.locator("#total-approved .total-amount")).hasText("12.00");
		assertThat(this.page.locator("#total-pending .total-count")).hasText("0");
		assertThat(this.page.locator("#commissions tbody tr")).hasCount(1);
		assertAccessible();
		screenshot("orders-01-commissions");

		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(order[0])).click();
		assertThat(this.page).hasURL(baseUrl() + "/admin/orders/" + order[0]);
		assertThat(this.page.getByRole(AriaRole.HEADING,
				new Page.GetByRoleOptions().setName("Commissions").setExact(true)))
			.isVisible();
		assertThat(this.page.locator("#items")).containsText(order[2]);
		assertThat(this.page.locator("#order-commissions")).containsText("approved");
		assertAccessible();
		screenshot("orders-02-order");

		this.page.navigate("/admin/orders?partner=" + order[1]);
		assertThat(this.page.locator("#orders tbody tr")).hasCount(2);
		assertAccessible();

		this.page.setViewportSize(390, 844);
		for (String path : List.of("/admin/commissions?partner=" + order[1], "/admin/orders?partner=" + order[1],
				"/admin/orders/" + order[0])) {
			this.page.navigate(path);
			Object overflow = this.page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1");
			assertThat(overflow).as("page wider than the phone: " + path).isEqualTo(false);
			assertAccessible();
		}
		screenshot("orders-03-phone-order");
	}

	/**
	 * Two orders referred by a new partner; the first one's commission approved. Returns
	 * {orderId, code, sku}.
	 */
	private String[] placeOrders() {
		ProductSummary product = this.programs.createProduct(OrderFixtures.unique("SKU-"), "Course",
				new BigDecimal("60.00"), "USD");
		ProgramSummary program = this.programs
			.createProgram(new ProgramDefinition(OrderFixtures.unique("Program "), "https://shop.example.com", 1, "USD",
					Rate.percent("20"), Rate.percent("0"), 30, null, BigDecimal.ZERO, true, null, null, List.of()));
		String code = OrderFixtures.unique("p");
		long contactId = this.contacts.create(code + "@partners.example.com", "Pat", "Lee").id();
		PartnerSummary partner = this.partners
			.enroll(new Enrollment(contactId, program.id(), code, PartnerStatus.APPROVED, null, null, null));
		String first = OrderFixtures.unique("o-");
		this.orders.place(new PlaceOrder(first, OrderFixtures.unique("buyer") + "@customers.example.com", "Ann",
				"Buyer", partner.code(), Instant.parse("2026-06-01T10:00:00Z"), "USD", false,
				List.of(new PlaceOrder.Item(product.sku(), 1, new BigDecimal("60.00")))));
		this.orders
			.place(new PlaceOrder(OrderFixtures.unique("o-"), OrderFixtures.unique("buyer") + "@customers.example.com",
					"Bob", "Buyer", partner.code(), Instant.parse("2026-06-02T10:00:00Z"), "USD", false,
					List.of(new PlaceOrder.Item(product.sku(), 2, new BigDecimal("60.00")))));
		this.jdbc.sql("""
				update commission set status = 'approved', approved_at = now()
				where order_id = (select id from customer_order where order_id = :id)
				""").param("id", first).update();
		return new String[] { first, partner.code(), product.sku() };
	}

}
