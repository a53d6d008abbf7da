package dev.partnerhub.browser;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

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
 * An admin reviews a held commission (the buyer used the partner's payout e-mail): finds
 * it from the commission list, reads why it was held and releases it with a note.
 */
class HoldReviewBrowserTest extends BrowserTestSupport {

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
	void adminReleasesAHeldCommission() {
		ProductSummary product = this.programs.createProduct(OrderFixtures.unique("SKU-"), "Course",
				new BigDecimal("50.00"), "USD");
		ProgramSummary program = this.programs
			.createProgram(new ProgramDefinition(OrderFixtures.unique("Program "), "https://shop.example.com", 1, "USD",
					Rate.percent("20"), Rate.percent("0"), 30, null, BigDecimal.ZERO, true, null, null, List.of()));
		String code = OrderFixtures.unique("p");
		String payout = code + "@paypal.example.com";
		long contactId = this.contacts.create(code + "@partners.example.com", "Pat", "Lee").id();
		PartnerSummary partner = this.partners
			.enroll(new Enrollment(contactId, program.id(), code, PartnerStatus.APPROVED, null, payout, null));
		this.orders.place(new PlaceOrder(OrderFixtures.unique("o-"), payout, "Pat", "Lee", partner.code(),
				Instant.parse("2026-06-01T10:00:00Z"), "USD", false,
				List.of(new PlaceOrder.Item(product.sku(), 1, new BigDecimal("50.00")))));
		long id = this.jdbc.sql("select id from commission where partner_id = :p and status = 'held'")
			.param("p", partner.id())
			.query(Long.class)
			.single();

		String[] admin = printedAdmin();
		logIn(admin[0], admin[1]);
		this.page.navigate("/admin/commissions");
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Held for review")).click();
		assertThat(this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Held commissions")))
			.isVisible();
		assertThat(this.page.locator("tr[data-commission='" + id + "']"))
			.containsText("buyer e-mail matches the partner's payout e-mail");
		assertAccessible();
		screenshot("hold-01-held-list");

		this.page.locator("#note-" + id).fill("Partner bought a gift, checked by phone");
		this.page.locator("#release-" + id).click();
		assertThat(this.page.getByRole(AriaRole.STATUS)).containsText("Commission " + id + " released");
		assertThat(this.page.locator("tr[data-commission='" + id + "']")).hasCount(0);
		assertAccessible();
		screenshot("hold-02-released");
		assertThat(this.jdbc.sql("select status from commission where id = :id")
			.param("id", id)
			.query(String.class)
			.single()).isEqualTo("pending");
	}

}
