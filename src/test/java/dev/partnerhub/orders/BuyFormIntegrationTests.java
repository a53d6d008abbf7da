package dev.partnerhub.orders;

import java.util.List;
import java.util.Map;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramService;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The hosted order form {@code /buy/{sku}}: public, CSRF-protected, idempotent on a double submit. */
@IntegrationTest
class BuyFormIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ProgramService programService;

	@Autowired
	PartnerService partnerService;

	@Autowired
	ContactService contactService;

	@Autowired
	JdbcClient jdbc;

	OrderFixtures fixtures;

	ProductSummary product;

	@BeforeEach
	void setUp() {
		this.fixtures = new OrderFixtures(this.programService, this.partnerService, this.contactService, this.mvc);
		this.product = this.fixtures.product("80.00");
	}

	@Test
	void showsTheProductWithItsPriceAndAFreshOrderId() throws Exception {
		this.mvc.perform(get("/buy/" + this.product.sku()))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("80.00 USD"), containsString("name=\"orderId\""),
					containsString("value=\"web-"), containsString("src=\"/t.js\""), containsString("name=\"_csrf\""))));
	}

	@Test
	void theReferralComesFromTheRefParameterOrTheCookie() throws Exception {
		this.mvc.perform(get("/buy/" + this.product.sku()).param("ref", "abc_DEF-123"))
			.andExpect(content().string(containsString("name=\"referral\" value=\"abc_DEF-123\"")));
		this.mvc.perform(get("/buy/" + this.product.sku()).cookie(new Cookie("ph_ref", "cookieRef1")))
			.andExpect(content().string(containsString("name=\"referral\" value=\"cookieRef1\"")));
		// Anything else is not a referral and is not echoed.
		this.mvc.perform(get("/buy/" + this.product.sku()).param("ref", "\"><script>x</script>"))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("<script>x"))));
	}

	@Test
	void anOrderCreditsThePartnerOfTheReferralWithBothTiers() throws Exception {
		ProgramSummary program = this.fixtures.program(2, Rate.percent("30"), Rate.percent("5"));
		PartnerSummary parent = this.fixtures.partner(program);
		PartnerSummary child = this.fixtures.partner(program, parent, PartnerStatus.APPROVED);
		String orderId = newOrderId();
		String email = OrderFixtures.unique("buyer") + "@test.local";

		this.mvc.perform(order(orderId, email, "2").param("referral", child.code()))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrlPattern("/buy/" + this.product.sku() + "/thanks?order=web-*"));

		assertThat(orderCount(orderId)).isEqualTo(1);
		List<Map<String, Object>> commissions = this.jdbc.sql("""
				select p.code, c.tier, c.amount, c.status from commission c join partner p on p.id = c.partner_id
				join customer_order o on o.id = c.order_id where o.order_id = :id order by c.tier
				""").param("id", orderId).query().listOfRows();
		assertThat(commissions).hasSize(2);
		assertThat(commissions.get(0)).containsEntry("code", child.code()).containsEntry("status", "pending");
		assertThat(commissions.get(0).get("amount")).hasToString("48.00"); // 30 % of 2 × 80.00
		assertThat(commissions.get(1)).containsEntry("code", parent.code());
		assertThat(commissions.get(1).get("amount")).hasToString("8.00"); // 5 % of 160.00

		this.mvc.perform(get("/buy/" + this.product.sku() + "/thanks").param("order", orderId))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString(orderId), containsString("160.00 USD"))));
	}

	@Test
	void aResubmitOfTheSameFormIsOneOrder() throws Exception {
		String orderId = newOrderId();
		String email = OrderFixtures.unique("twice") + "@test.local";
		this.mvc.perform(order(orderId, email, "1")).andExpect(status().is3xxRedirection());
		this.mvc.perform(order(orderId, email, "1")).andExpect(status().is3xxRedirection());
		assertThat(orderCount(orderId)).isEqualTo(1);
		// The same form id with other details is not a second order either.
		this.mvc.perform(order(orderId, email, "3"))
			.andExpect(status().isConflict())
			.andExpect(content().string(containsString("already submitted")));
		assertThat(orderCount(orderId)).isEqualTo(1);
	}

	@Test
	void invalidFieldsAreShownBesideTheFieldsAndNothingIsStored() throws Exception {
		String orderId = newOrderId();
		this.mvc.perform(order(orderId, "not-an-email", "0"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(allOf(containsString("id=\"email-error\""),
					containsString("Enter a valid e-mail address"), containsString("id=\"quantity-error\""),
					containsString("aria-describedby=\"email-error\""))));
		this.mvc.perform(order(orderId, "x@test.local", "lots")).andExpect(status().isBadRequest());
		this.mvc.perform(order(orderId, "x@test.local", "100")).andExpect(status().isBadRequest());
		this.mvc.perform(order("1001", "x@test.local", "1"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("submit again")));
		assertThat(orderCount(orderId)).isZero();
	}

	@Test
	void unknownProductsAndOrdersAre404Pages() throws Exception {
		this.mvc.perform(get("/buy/no-such-sku-" + OrderFixtures.unique("")))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("does not exist")));
		this.mvc.perform(post("/buy/no-such-sku").with(csrf()).param("email", "a@b.co"))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/buy/" + this.product.sku() + "/thanks").param("order", newOrderId()))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/buy/" + this.product.sku() + "/thanks").param("order", "api-order-1"))
			.andExpect(status().isNotFound());
	}

	@Test
	void aPostWithoutCsrfTokenIsForbidden() throws Exception {
		String orderId = newOrderId();
		this.mvc.perform(post("/buy/" + this.product.sku()).param("orderId", orderId)
			.param("firstName", "No")
			.param("email", "nocsrf@test.local")
			.param("quantity", "1")).andExpect(status().isForbidden());
		assertThat(orderCount(orderId)).isZero();
	}

	private MockHttpServletRequestBuilder order(String orderId, String email, String quantity) {
		return post("/buy/" + this.product.sku()).with(csrf())
			.param("orderId", orderId)
			.param("firstName", "Bea")
			.param("lastName", "Buyer")
			.param("email", email)
			.param("quantity", quantity);
	}

	private String newOrderId() throws Exception {
		MvcResult page = this.mvc.perform(get("/buy/" + this.product.sku())).andReturn();
		java.util.regex.Matcher id = java.util.regex.Pattern.compile("value=\"(web-[0-9a-f-]{36})\"")
			.matcher(page.getResponse().getContentAsString());
		assertThat(id.find()).isTrue();
		return id.group(1);
	}

	private long orderCount(String orderId) {
		return this.jdbc.sql("select count(*) from customer_order where order_id = :id")
			.param("id", orderId)
			.query(Long.class)
			.single();
	}

}
