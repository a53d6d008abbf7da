package dev.partnerhub.payouts;

import java.math.BigDecimal;
import java.util.List;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.orders.OrderFixtures;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramDefinition;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static dev.partnerhub.orders.OrderFixtures.item;
import static dev.partnerhub.orders.OrderFixtures.read;
import static dev.partnerhub.orders.OrderFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Issue 14 item 7: a payout batch never mixes currencies, nor does its total, its audit
 * line or its PayPal file. A partner who earned in USD and then, moved to a EUR program,
 * in EUR, is paid by one batch per currency.
 */
@IntegrationTest
class PayoutCurrencyTests {

	static final RequestPostProcessor ADMIN = user("admin@test.local").roles("ADMIN");

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

	PayoutFixtures f;

	@BeforeEach
	void fixtures() {
		this.f = new PayoutFixtures(this.programs, this.partners, this.contacts, this.mvc, this.jdbc);
	}

	/**
	 * A partner with 10.00 USD (earned in a USD program) and 20.00 EUR (after moving to a
	 * EUR program).
	 */
	record TwoCurrencies(ProgramSummary euros, PartnerSummary partner) {
	}

	TwoCurrencies twoCurrencies() throws Exception {
		ProgramSummary dollars = this.f.program("0");
		ProgramSummary euros = this.programs
			.createProgram(new ProgramDefinition(unique("Euro program "), "https://shop.example.com", 1, "EUR",
					Rate.percent("10"), Rate.percent("0"), 30, null, BigDecimal.ZERO, true, null, null, List.of()));
		PartnerSummary partner = this.f.partner(dollars, true);
		this.f.sale(partner); // 10 % of 100.00 USD
		this.mvc
			.perform(put("/api/v1/partners/{code}/program", partner.code())
				.header("Authorization", IntegrationTest.BEARER)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"program\": \"" + euros.name() + "\"}"))
			.andExpect(status().isOk());
		this.f.orders
			.postOrder("""
					{"orderId": "%s", "email": "%s@customers.example.com", "referral": "%s", "currency": "EUR",
					 "items": [%s]}""".formatted(unique("po-"), unique("buyer"), partner.code(),
					item(this.f.product.sku(), 2, "100.00")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.commissions[0].amount").value("20.00"))
			.andExpect(jsonPath("$.commissions[0].currency").value("EUR"));
		this.f.approve(partner);
		return new TwoCurrencies(euros, partner);
	}

	@Test
	void aBatchHoldsOneCurrencyAndTheCallerChoosesWhenSeveralArePayable() throws Exception {
		TwoCurrencies t = twoCurrencies();
		String program = "\"program\": \"" + t.euros().name() + "\"";
		this.f.orders.post("/api/v1/payouts", "{" + program + "}")
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail", containsString("EUR, USD")))
			.andExpect(jsonPath("$.errors[0].field").value("currency"));
		this.f.orders.post("/api/v1/payouts", "{" + program + ", \"currency\": \"eur\"}")
			.andExpect(status().isBadRequest());

		MvcResult usd = this.f.orders.post("/api/v1/payouts", "{" + program + ", \"currency\": \"USD\"}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.currency").value("USD"))
			.andExpect(jsonPath("$.total").value("10.00"))
			.andExpect(jsonPath("$.totals", hasSize(1)))
			.andExpect(jsonPath("$.items", hasSize(1)))
			.andExpect(jsonPath("$.items[0].currency").value("USD"))
			.andReturn();
		// only EUR is left: no currency needed
		MvcResult eur = this.f.orders.post("/api/v1/payouts", "{" + program + "}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.currency").value("EUR"))
			.andExpect(jsonPath("$.total").value("20.00"))
			.andExpect(jsonPath("$.items[0].currency").value("EUR"))
			.andReturn();
		this.f.orders.post("/api/v1/payouts", "{" + program + "}").andExpect(status().isConflict());

		for (MvcResult batch : List.of(usd, eur)) {
			Integer id = read(batch, "$.id");
			String currency = read(batch, "$.currency");
			// the items of a batch and the commissions they pay are all in the batch's
			// currency
			assertThat(this.jdbc.sql("""
					select distinct c.currency from payout_item_commission l join commission c on c.id = l.commission_id
					where l.batch_id = :b union select distinct currency from payout_item where batch_id = :b
					""").param("b", id).query(String.class).list()).containsExactly(currency);
			String csv = this.mvc
				.perform(get("/api/v1/payouts/" + id + "/paypal.csv").header("Authorization", IntegrationTest.BEARER))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(csv.lines().toList()).singleElement()
				.satisfies(line -> assertThat(line).contains("," + currency + ","));
			// the audit line's total is the batch's, in its currency
			assertThat(this.jdbc.sql("""
					select after_value from audit_entry where action = 'payout.create' and subject_id = :id
					""").param("id", String.valueOf(id)).query(String.class).single())
				.contains("\"total\":\"" + (currency.equals("USD") ? "10.00" : "20.00") + "\"")
				.contains("\"currency\":\"" + currency + "\"");
		}
	}

	@Test
	void theConsoleOffersOneBatchPerCurrencyAndSaysWhichItMade() throws Exception {
		TwoCurrencies t = twoCurrencies();
		this.mvc.perform(get("/admin/payouts/new").param("program", String.valueOf(t.euros().id())).with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Create payout batch in EUR")))
			.andExpect(content().string(containsString("Create payout batch in USD")));
		// without a currency it refuses (back to the preview with the reason), with one
		// it makes that batch
		this.mvc
			.perform(post("/admin/payouts").param("program", String.valueOf(t.euros().id())).with(ADMIN).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("error", containsString("one batch per currency")));
		String location = this.mvc
			.perform(post("/admin/payouts").param("program", String.valueOf(t.euros().id()))
				.param("currency", "EUR")
				.with(ADMIN)
				.with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("message", containsString("(EUR)")))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		this.mvc.perform(get(location + "/paypal.csv").with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(t.partner().code() + "@paypal.example.com,20.00,EUR")))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("USD"))));
		this.mvc.perform(get("/admin/payouts").with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("20.00 EUR")));
	}

	@Test
	void anOldBatchThatMixesCurrenciesIsShownAndExportedPerCurrencyNeverAsOneTotal() throws Exception {
		TwoCurrencies t = twoCurrencies();
		// a batch as created before batches were per currency: two items, no batch
		// currency, a "total" over both
		long batch = this.jdbc.sql("""
				insert into payout_batch (program_id, status, total, item_count, created_by)
				values (:program, 'created', 30.00, 2, 'test') returning id
				""").param("program", t.euros().id()).query(Long.class).single();
		for (String currency : List.of("USD", "EUR")) {
			this.jdbc.sql("""
					insert into payout_item (batch_id, partner_id, payout_email, amount, currency, commission_count)
					values (:b, :p, :email, :amount, :currency, 1)
					""")
				.param("b", batch)
				.param("p", t.partner().id())
				.param("email", t.partner().code() + "@paypal.example.com")
				.param("amount", currency.equals("USD") ? new BigDecimal("10.00") : new BigDecimal("20.00"))
				.param("currency", currency)
				.update();
		}
		this.f.orders.get("/api/v1/payouts/" + batch)
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.currency").doesNotExist())
			.andExpect(jsonPath("$.total").doesNotExist())
			.andExpect(jsonPath("$.totals", hasSize(2)));
		this.f.orders.get("/api/v1/payouts/" + batch + "/paypal.csv").andExpect(status().isConflict());
		this.f.orders.get("/api/v1/payouts/" + batch + "/paypal.csv?currency=EUR")
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(",20.00,EUR,")))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("USD"))));
		this.mvc.perform(get("/admin/payouts/" + batch).with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("PayPal CSV (EUR)")))
			.andExpect(content().string(containsString("PayPal CSV (USD)")))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("30.00"))));
		// the batch list shows the old batch's total per currency, never one sum
		String list = this.mvc.perform(get("/admin/payouts").with(ADMIN))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		org.jsoup.nodes.Element row = org.jsoup.Jsoup.parse(list)
			.selectFirst("#batches tr:has(a[href=/admin/payouts/" + batch + "])");
		assertThat(row).isNotNull();
		assertThat(row.select("td").last().previousElementSibling().text()).isEqualTo("20.00 EUR, 10.00 USD");
		assertThat(row.text()).doesNotContain("30.00");
	}

	@Test
	void aZeroTotalShowsItsCurrency() throws Exception {
		ProgramSummary euros = this.programs
			.createProgram(new ProgramDefinition(unique("Quiet euro program "), "https://shop.example.com", 1, "EUR",
					Rate.percent("10"), Rate.percent("0"), 30, null, BigDecimal.ZERO, true, null, null, List.of()));
		String page = this.mvc
			.perform(get("/admin/payouts/new").param("program", String.valueOf(euros.id())).with(ADMIN))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(org.jsoup.Jsoup.parse(page).selectFirst("#payable-total").text()).isEqualTo("Total: 0.00 EUR");
	}

}
