package dev.partnerhub.security;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.orders.OrderFixtures;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static dev.partnerhub.orders.OrderFixtures.item;
import static dev.partnerhub.orders.OrderFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Issue 14 item 8: money is a plain decimal ("12.34": at most two places, no exponent,
 * sign, spaces or leading +) in every API body, console form and CSV import, within
 * {@code partnerhub.money.max-amount} (1,000,000.00 here); quantities are whole numbers
 * from 1 to {@code partnerhub.orders.max-quantity} (10,000); a JSON key twice is 400.
 * Every refusal is a 400 problem+json (or a form message) naming the field, and nothing
 * is stored.
 */
@IntegrationTest
class StrictMoneyInputTests {

	/**
	 * JSON fragments for an amount: strings and numbers a lenient parser would have
	 * taken.
	 */
	static final List<String> BAD_AMOUNTS = List.of("\"1e3\"", "1e3", "\"1E3\"", "\"+10.00\"", "\" 10.00 \"",
			"\"10.00 \"", "\"-10.00\"", "-10.00", "\"12.345\"", "12.345", "\"1,000.00\"", "\"10.\"", "\".5\"",
			"\"0x10\"", "\"NaN\"", "\"1000000.01\"", "1000000.01", "\"1000000000000\"", "true", "{}", "[]");

	@Autowired
	MockMvc mvc;

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactService contacts;

	@Autowired
	JdbcClient jdbc;

	OrderFixtures f;

	static final RequestPostProcessor ADMIN = SecurityMockMvcRequestPostProcessors.user("admin@test.local")
		.roles("ADMIN");

	@BeforeEach
	void setUp() {
		this.f = new OrderFixtures(this.programs, this.partners, this.contacts, this.mvc);
	}

	private static String order(String orderId, String quantity, String unitPrice, String sku) {
		return """
				{"orderId": "%s", "email": "%s@customers.example.com", "currency": "USD",
				 "items": [{"sku": "%s", "quantity": %s, "unitPrice": %s}]}""".formatted(orderId, orderId, sku,
				quantity, unitPrice);
	}

	@Test
	void orderAmountsAndQuantitiesAreStrict() throws Exception {
		ProductSummary product = this.f.product("10.00");
		for (String amount : BAD_AMOUNTS) {
			String orderId = unique("sm-");
			this.f.postOrder(order(orderId, "1", amount, product.sku()))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
				.andExpect(jsonPath("$.errors[0].field").value("items[0].unitPrice"));
			this.f.get("/api/v1/orders/" + orderId).andExpect(status().isNotFound());
		}
		for (String quantity : List.of("1.5", "1.0", "0", "-1", "10001", "1e2", "\"x\"", "99999999999")) {
			String orderId = unique("sm-");
			this.f.postOrder(order(orderId, quantity, "\"10.00\"", product.sku()))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("items[0].quantity"));
			this.f.get("/api/v1/orders/" + orderId).andExpect(status().isNotFound());
		}
		// the bounds themselves pass; a JSON number with a plain literal is taken as it
		// reads
		this.f.postOrder(order(unique("sm-"), "10000", "\"0.01\"", product.sku())).andExpect(status().isCreated());
		this.f.postOrder(order(unique("sm-"), "1", "\"1000000.00\"", product.sku())).andExpect(status().isCreated());
		this.f.postOrder(order(unique("sm-"), "2", "12.5", product.sku())).andExpect(status().isCreated());
		this.f.postOrder(order(unique("sm-"), "1", "\"1000000.01\"", product.sku()))
			.andExpect(jsonPath("$.detail").value("'items[0].unitPrice' must not exceed 1,000,000.00."));
	}

	@Test
	void aJsonKeyTwiceIsRefusedNotTheLastOneWins() throws Exception {
		ProductSummary product = this.f.product("10.00");
		String orderId = unique("sm-");
		this.f
			.postOrder("""
					{"orderId": "%s", "email": "dup@customers.example.com", "currency": "USD",
					 "items": [{"sku": "%s", "quantity": 1, "unitPrice": "1.00", "unitPrice": "900.00"}]}"""
				.formatted(orderId, product.sku()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("'items[0].unitPrice' appears more than once; send each field once."))
			.andExpect(jsonPath("$.errors[0].field").value("items[0].unitPrice"));
		this.f
			.postOrder("""
					{"orderId": "%s", "orderId": "%s-2", "email": "dup@customers.example.com", "currency": "USD",
					 "items": [{"sku": "%s", "quantity": 1, "unitPrice": "1.00"}]}""".formatted(orderId, orderId,
					product.sku()))
			.andExpect(status().isBadRequest());
		this.f.get("/api/v1/orders/" + orderId).andExpect(status().isNotFound());
		this.f
			.post("/api/v1/products",
					"""
							{"sku": "%s", "name": "A", "name": "B", "price": "1.00", "currency": "USD"}"""
						.formatted(unique("SKU-")))
			.andExpect(status().isBadRequest());
	}

	@Test
	void chargesAndRefundsAreStrict() throws Exception {
		ProductSummary product = this.f.product("10.00");
		String orderId = unique("sm-");
		this.f.postOrder("""
				{"orderId": "%s", "email": "%s@customers.example.com", "currency": "USD", "recurring": true,
				 "items": [%s]}""".formatted(orderId, orderId, item(product.sku(), 1, "10.00")))
			.andExpect(status().isCreated());
		for (String amount : BAD_AMOUNTS) {
			this.f.post("/api/v1/orders/" + orderId + "/charges", "{\"chargeId\": \"c\", \"amount\": " + amount + "}")
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("amount"));
			this.f.post("/api/v1/orders/" + orderId + "/refunds", "{\"refundId\": \"r\", \"amount\": " + amount + "}")
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("amount"));
		}
		assertThat(this.jdbc.sql("""
				select (select count(*) from order_charge ch join customer_order o on o.id = ch.order_id
				        where o.order_id = :id) + (select count(*) from order_refund r join customer_order o
				        on o.id = r.order_id where o.order_id = :id)""")
			.param("id", orderId)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void productProgramAndSettingsAmountsAreStrict() throws Exception {
		for (String amount : BAD_AMOUNTS) {
			this.f.post("/api/v1/products", """
					{"sku": "%s", "name": "X", "price": %s, "currency": "USD"}""".formatted(unique("SKU-"), amount))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("price"));
			this.f
				.post("/api/v1/programs",
						"""
								{"name": "%s", "landingUrl": "https://example.com", "minimumPayout": %s}"""
							.formatted(unique("P "), amount))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("minimumPayout"));
			this.mvc
				.perform(put("/api/v1/settings").header("Authorization", IntegrationTest.BEARER)
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"defaultMinimumPayout\": " + amount + "}"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("defaultMinimumPayout"));
		}
		// rate values: percent up to four decimals, flat money; same syntax rules
		for (String value : List.of("\"1e1\"", "1e1", "\"+5\"", "\" 5\"", "\"-5\"", "\"5.123456\"")) {
			this.f
				.post("/api/v1/programs",
						"""
								{"name": "%s", "landingUrl": "https://example.com", "firstTierRate": {"type": "percent", "value": %s}}"""
							.formatted(unique("P "), value))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("firstTierRate.value"));
		}
		this.f
			.post("/api/v1/programs",
					"""
							{"name": "%s", "landingUrl": "https://example.com", "firstTierRate": {"type": "flat", "value": "1000000.01"}}"""
						.formatted(unique("P ")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("firstTierRate.value"));
	}

	@Test
	void consoleFormsRefuseTheSameShapesBesideTheField() throws Exception {
		String plain = "Enter a number such as 12.50 in plain digits";
		String[][] cases = { { "1e3", plain }, { "+10.00", plain }, { " 10.00 ", plain }, { "-1", plain },
				{ "1,000", plain }, { "0x10", plain }, { "12.345", "at most two decimals" },
				{ "1000000.01", "must not exceed 1,000,000.00" } };
		for (String[] c : cases) {
			String sku = unique("SKU-");
			String page = org.springframework.web.util.HtmlUtils.htmlUnescape(this.mvc
				.perform(post("/admin/products/new").with(ADMIN)
					.with(csrf())
					.param("sku", sku)
					.param("name", "Form")
					.param("price", c[0])
					.param("currency", "USD"))
				.andExpect(status().isOk())
				.andExpect(model().attributeHasFieldErrors("product", "price"))
				.andReturn()
				.getResponse()
				.getContentAsString());
			assertThat(page).as(c[0]).contains(c[1]);
			assertThat(this.programs.findProductBySku(sku)).as(c[0]).isEmpty();
		}
		// a program's rate and minimum payout in the console form: the same syntax
		this.mvc
			.perform(post("/admin/programs/new").with(ADMIN)
				.with(csrf())
				.param("name", unique("Form program "))
				.param("landingUrl", "https://shop.example.com")
				.param("tiers", "1")
				.param("currency", "USD")
				.param("firstTierRateType", "percent")
				.param("firstTierRateValue", "1e1")
				.param("secondTierRateType", "percent")
				.param("secondTierRateValue", "5")
				.param("cookieDays", "30")
				.param("minimumPayout", "+25"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("program", "firstTierRateValue", "minimumPayout"));
		String sku = unique("SKU-");
		this.mvc
			.perform(post("/admin/products/new").with(ADMIN)
				.with(csrf())
				.param("sku", sku)
				.param("name", "Form")
				.param("price", "12.50")
				.param("currency", "usd"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("product", "currency"));
		assertThat(this.programs.findProductBySku(sku)).isEmpty();
		this.mvc
			.perform(post("/admin/products/new").with(ADMIN)
				.with(csrf())
				.param("sku", sku)
				.param("name", "Form")
				.param("price", "12.50")
				.param("currency", "USD"))
			.andExpect(status().is3xxRedirection());
		assertThat(this.programs.findProductBySku(sku).orElseThrow().price()).isEqualByComparingTo("12.50");
	}

	@Test
	void theCommissionImportRefusesLenientAmountsAndCurrencies() throws Exception {
		ProgramSummary program = this.f.program(1, Rate.percent("10"), Rate.percent("0"));
		PartnerSummary partner = this.f.partner(program);
		String u = unique("");
		String ok = "," + partner.code() + ",b-" + u + "@example.com,";
		String csv = "external_id,partner,customer_email,amount,status,transaction_date,currency\n" + "m1-" + u + ok
				+ "+10.00,approved,2025-01-01,USD\n" + "m2-" + u + ok + "1000000.01,approved,2025-01-01,USD\n" + "m3-"
				+ u + ok + "10.00,approved,2025-01-01,usd\n" + "m4-" + u + ok + "10.00,approved,2025-01-01,XXX\n"
				+ "m5-" + u + ok + "10.00,approved,2025-01-01,ZZZ\n" + "m6-" + u + ok
				+ "10.00,approved,2025-01-01,EUR\n";
		String location = this.mvc
			.perform(multipart("/admin/import")
				.file(new MockMultipartFile("file", "c.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
				.param("kind", "commissions")
				.with(ADMIN)
				.with(csrf()))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		String page = org.springframework.web.util.HtmlUtils.htmlUnescape(this.mvc
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(location).with(ADMIN))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
		assertThat(page)
			.contains("1 would be created", "5 with errors", "Amount '+10.00' is not a positive amount",
					"Amount 1000000.01 is above the maximum", "Currency 'usd' must be an ISO 4217 code in upper case",
					"Currency 'XXX' must be", "Currency 'ZZZ' must be")
			.doesNotContain("Currency 'EUR'");
	}

}
