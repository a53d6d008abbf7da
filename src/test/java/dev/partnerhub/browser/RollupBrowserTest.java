package dev.partnerhub.browser;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

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

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * An admin builds "Total pending commissions" with the condition builder (a nested OR
 * group included), sees it in the list in words with its values up to date, on the
 * contact page and in the partner values list.
 */
class RollupBrowserTest extends BrowserTestSupport {

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactService contacts;

	@Autowired
	OrderApi orders;

	@Test
	void adminBuildsARollupFieldAndSeesItsValues() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var product = this.programs.createProduct("roll-" + suffix, "Rollup course", new BigDecimal("40.00"), "USD");
		ProgramSummary program = this.programs
			.createProgram(new ProgramDefinition("Rollup journey " + suffix, "https://shop.example.com/", 1, "USD",
					Rate.percent("25"), Rate.percent("0"), 30, null, BigDecimal.ZERO, true, null, null, List.of()));
		String code = "roll" + suffix;
		long contactId = this.contacts.create(code + "@partners.example.com", "Rolo", "Upton").id();
		PartnerSummary partner = this.partners
			.enroll(new Enrollment(contactId, program.id(), code, PartnerStatus.APPROVED, null, null, null));
		this.orders
			.place(new OrderApi.NewOrder("roll-" + suffix, "buyer-" + suffix + "@customers.example.com", "Buyer", "One",
					code, null, "USD", false, List.of(new OrderApi.Line(product.sku(), 2, new BigDecimal("40.00")))));
		// 25 % of 80.00 = 20.00 pending.

		String[] admin = printedAdmin();
		logIn(admin[0], admin[1]);
		this.page.navigate("/admin/rollups/new");
		String name = "Pending " + suffix;
		this.page.locator("#name").fill(name);
		this.page.locator("#function").selectOption("sum");
		this.page.locator("#field").selectOption("amount");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add condition").setExact(true))
			.click();
		this.page.locator("[id='rows1.field']").selectOption("status");
		this.page.locator("[id='rows1.op']").selectOption("eq");
		this.page.locator("[id='rows1.value']").fill("pending");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add group").setExact(true))
			.first()
			.click();
		this.page.locator("[id='rows3.field']").selectOption("product");
		this.page.locator("[id='rows3.value']").fill(product.sku());
		assertAccessible();
		screenshot("rollup-form");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save").setExact(true)).click();

		assertThat(this.page.locator("#rollups")).containsText(name);
		assertThat(this.page.locator("#rollups"))
			.containsText("Status equal to pending AND Product equal to " + product.sku());
		assertThat(this.page.locator("#rollups")).containsText("Up to date");
		assertAccessible();

		this.page.navigate("/admin/contacts/" + partner.contactId());
		assertThat(this.page.locator("#rollup-values")).containsText(name);
		assertThat(this.page.locator("#rollup-values")).containsText("20.00");
		assertAccessible();

		this.page.navigate("/admin/rollups/partners?program=" + program.id());
		this.page.getByLabel(name).check();
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show").setExact(true)).click();
		assertThat(this.page.locator("#partner-values")).containsText(code);
		assertThat(this.page.locator("#partner-values")).containsText("20.00");
		assertAccessible();
		screenshot("rollup-partner-values");
	}

}
