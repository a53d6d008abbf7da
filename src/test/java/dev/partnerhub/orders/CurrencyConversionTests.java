package dev.partnerhub.orders;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static dev.partnerhub.orders.OrderFixtures.item;
import static dev.partnerhub.orders.OrderFixtures.read;
import static dev.partnerhub.orders.OrderFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Issue 14 item 7: an order in another currency than the earning partner's program is
 * converted at the rate stored for the order's day, or refused with 422; exchange rates
 * are stored once per pair and day. Each test uses its own currency pair or days far
 * apart, since all tests share one database.
 */
@IntegrationTest
class CurrencyConversionTests {

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

	@BeforeEach
	void setUp() {
		this.f = new OrderFixtures(this.programs, this.partners, this.contacts, this.mvc);
	}

	/** A day in the given decade that no other test picks by chance. */
	static LocalDate someDay(int fromYear) {
		return LocalDate.of(fromYear, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(3000));
	}

	static String buyer() {
		return unique("buyer") + "@customers.example.com";
	}

	static String order(String orderId, String referral, String currency, LocalDate day, String items) {
		return """
				{"orderId": "%s", "email": "%s", %s "occurredAt": "%sT12:00:00Z", "currency": "%s", "items": [%s]}
				""".formatted(orderId, buyer(), referral == null ? "" : "\"referral\": \"" + referral + "\",", day,
				currency, items);
	}

	String rate(String base, String quote, String rate, LocalDate day) {
		return "{\"base\": \"%s\", \"quote\": \"%s\", \"rate\": \"%s\", \"day\": \"%s\"}".formatted(base, quote, rate,
				day);
	}

	@Test
	void anEurOrderOnAUsdProgramEarnsUsdAtTheStoredRateAndRecordsIt() throws Exception {
		LocalDate day = someDay(1990);
		this.f.post("/api/v1/exchange-rates", rate("EUR", "USD", "1.08250000", day))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.base").value("EUR"))
			.andExpect(jsonPath("$.quote").value("USD"))
			.andExpect(jsonPath("$.day").value(day.toString()))
			.andExpect(jsonPath("$.rate").value("1.0825"));
		ProductSummary product = this.f.product("50.00");
		ProgramSummary program = this.f.program(2, Rate.percent("10"), Rate.percent("5"));
		PartnerSummary parent = this.f.partner(program);
		PartnerSummary child = this.f.partner(program, parent, PartnerStatus.APPROVED);
		String orderId = unique("fx-");
		String body = order(orderId, child.code(), "EUR", day, item(product.sku(), 2, "50.00"));

		// 2 × 50.00 EUR = 100.00 EUR = 108.25 USD: tier 1 10 % = 10.825 → 10.83, tier 2 5
		// % = 5.4125 → 5.41 (USD)
		MvcResult placed = this.f.postOrder(body)
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.commissions", hasSize(2)))
			.andExpect(jsonPath("$.commissions[0].amount").value("10.83"))
			.andExpect(jsonPath("$.commissions[0].currency").value("USD"))
			.andExpect(jsonPath("$.commissions[0].exchangeRate").value("1.0825"))
			.andExpect(jsonPath("$.commissions[1].amount").value("5.41"))
			.andExpect(jsonPath("$.commissions[1].currency").value("USD"))
			.andReturn();
		Integer tier1 = read(placed, "$.commissions[0].id");

		// the order keeps its own currency and amount; the commission records how it was
		// converted
		Map<String, Object> order = this.jdbc.sql("select currency, total from customer_order where order_id = :id")
			.param("id", orderId)
			.query()
			.singleRow();
		assertThat(order.get("currency")).isEqualTo("EUR");
		assertThat(order.get("total")).hasToString("100.00");
		Map<String, Object> commission = this.jdbc.sql("""
				select currency, amount, base_amount, order_currency, exchange_rate, rate_day, reason
				from commission where id = :id
				""").param("id", tier1).query().singleRow();
		assertThat(commission.get("currency")).isEqualTo("USD");
		assertThat(commission.get("order_currency")).isEqualTo("EUR");
		assertThat(commission.get("exchange_rate")).hasToString("1.08250000");
		assertThat(commission.get("rate_day")).hasToString(day.toString());
		assertThat(commission.get("base_amount")).hasToString("100.00");
		assertThat((String) commission.get("reason")).contains("EUR converted to USD at 1.0825, rate of " + day);
		this.f.get("/api/v1/commissions?partner=" + child.code())
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].currency").value("USD"))
			.andExpect(jsonPath("$.items[0].orderCurrency").value("EUR"))
			.andExpect(jsonPath("$.items[0].exchangeRate").value("1.0825"))
			.andExpect(jsonPath("$.items[0].rateDay").value(day.toString()));

		// a replay answers the same commissions; a partial refund in EUR takes its share
		// of the USD amounts
		this.f.postOrder(body).andExpect(status().isOk()).andExpect(jsonPath("$.commissions[0].id").value(tier1));
		this.f.post("/api/v1/orders/" + orderId + "/refunds", "{\"refundId\": \"r1\", \"amount\": \"50.00\"}")
			.andExpect(status().isCreated());
		// half refunded: 10.83 - round(10.83 / 2) = 10.83 - 5.42 = 5.41 USD
		assertThat(this.jdbc.sql("select amount from commission where id = :id")
			.param("id", tier1)
			.query(java.math.BigDecimal.class)
			.single()).isEqualByComparingTo("5.41");
	}

	@Test
	void theRateOfADayIsTheLatestStoredOnOrBeforeItAndAStoredRateNeverChanges() throws Exception {
		LocalDate d = someDay(1980);
		this.f.post("/api/v1/exchange-rates", rate("GBP", "USD", "1.25", d)).andExpect(status().isCreated());
		this.f.post("/api/v1/exchange-rates", rate("GBP", "USD", "1.30", d.plusDays(2)))
			.andExpect(status().isCreated());
		// the same again is a replay; another rate for a stored day is a conflict, and
		// nothing changes
		this.f.post("/api/v1/exchange-rates", rate("GBP", "USD", "1.2500", d))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.rate").value("1.25"));
		this.f.post("/api/v1/exchange-rates", rate("GBP", "USD", "1.26", d))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.detail", containsString("never changed")));
		assertThatThrownBy(
				() -> this.jdbc.sql("update exchange_rate set rate = 2 where base = 'GBP' and quote = 'USD'").update())
			.hasMessageContaining("never changed");

		ProductSummary product = this.f.product("100.00");
		ProgramSummary program = this.f.program(1, Rate.percent("10"), Rate.percent("0"));
		PartnerSummary partner = this.f.partner(program);
		// 100.00 GBP: the day after d → 1.25 (12.50 USD); on d + 2 and later → 1.30
		// (13.00 USD)
		String[][] cases = { { "1", "12.50" }, { "2", "13.00" }, { "9", "13.00" } };
		for (String[] c : cases) {
			this.f
				.postOrder(order(unique("fx-"), partner.code(), "GBP", d.plusDays(Long.parseLong(c[0])),
						item(product.sku(), 1, "100.00")))
				.andExpect(status().isCreated())
				.andExpect(jsonPath("$.commissions[0].amount").value(c[1]))
				.andExpect(jsonPath("$.commissions[0].currency").value("USD"));
		}
		// before the first stored day there is no rate
		this.f.postOrder(order(unique("fx-"), partner.code(), "GBP", d.minusDays(1), item(product.sku(), 1, "100.00")))
			.andExpect(status().isUnprocessableContent());

		// a recurring charge is converted at the rate of its own day
		String open = unique("fx-");
		this.f
			.postOrder("""
					{"orderId": "%s", "email": "%s", "referral": "%s", "occurredAt": "%sT12:00:00Z", "currency": "GBP",
					 "recurring": true, "items": [%s]}""".formatted(open, buyer(), partner.code(), d.plusDays(1),
					item(product.sku(), 1, "100.00")))
			.andExpect(jsonPath("$.commissions[0].amount").value("12.50"));
		this.f.post("/api/v1/orders/" + open + "/charges", """
				{"chargeId": "c1", "amount": "100.00", "occurredAt": "%sT08:00:00Z"}""".formatted(d.plusDays(3)))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.commissions[0].amount").value("13.00"))
			.andExpect(jsonPath("$.commissions[0].exchangeRate").value("1.3"));

		// listed newest day first, paged like every list
		this.f.get("/api/v1/exchange-rates?base=GBP&quote=USD&size=1")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.size").value(1))
			.andExpect(jsonPath("$.items", hasSize(1)))
			.andExpect(jsonPath("$.total").value(org.hamcrest.Matchers.greaterThanOrEqualTo(2)));
		this.f.get("/api/v1/exchange-rates?base=gbp").andExpect(status().isBadRequest());
	}

	@Test
	void withoutAStoredRateTheOrderIsRefusedWith422NamingThePairAndDayAndNothingIsStored() throws Exception {
		LocalDate day = LocalDate.of(1971, 1, 5).plusDays(ThreadLocalRandom.current().nextInt(300));
		ProductSummary product = this.f.product("10.00");
		ProgramSummary program = this.f.program(1, Rate.percent("10"), Rate.percent("0"));
		PartnerSummary partner = this.f.partner(program);
		String orderId = unique("fx-");
		this.f.postOrder(order(orderId, partner.code(), "JPY", day, item(product.sku(), 1, "1000")))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.detail", containsString("JPY→USD")))
			.andExpect(jsonPath("$.detail", containsString(day.toString())))
			.andExpect(jsonPath("$.errors[0].field").value("currency"));
		this.f.get("/api/v1/orders/" + orderId).andExpect(status().isNotFound());
		assertThat(this.jdbc.sql("select count(*) from commission where partner_id = :p")
			.param("p", partner.id())
			.query(Long.class)
			.single()).isZero();
		// nobody to credit: nothing to convert, the order is stored in its own currency
		this.f.postOrder(order(unique("fx-"), null, "JPY", day, item(product.sku(), 1, "1000")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.commissions", hasSize(0)));
	}

	@Test
	void currenciesMustBeRealIsoCodesInUpperCaseWherEverTheyEnter() throws Exception {
		ProductSummary product = this.f.product("10.00");
		for (String currency : new String[] { "eur", "Eur", "XXX", "XTS", "ZZZ", "EURO", "" }) {
			this.f
				.postOrder(
						order(unique("fx-"), null, currency, LocalDate.of(2026, 1, 1), item(product.sku(), 1, "10.00")))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("currency"));
			this.f
				.post("/api/v1/products",
						"""
								{"sku": "%s", "name": "X", "price": "1.00", "currency": "%s"}"""
							.formatted(unique("SKU-"), currency))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("currency"));
			this.f
				.post("/api/v1/programs",
						"""
								{"name": "%s", "landingUrl": "https://example.com", "currency": "%s"}"""
							.formatted(unique("P "), currency))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("currency"));
			this.f.post("/api/v1/exchange-rates", rate(currency, "USD", "1.1", LocalDate.of(2001, 1, 1)))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("base"));
		}
		this.f.post("/api/v1/exchange-rates", rate("USD", "USD", "1", LocalDate.of(2001, 1, 1)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("quote"));
		for (String bad : new String[] { "0", "-1", "1e2", " 1.1", "1.123456789" }) {
			this.f.post("/api/v1/exchange-rates", rate("CHF", "USD", bad, LocalDate.of(2001, 1, 1)))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("rate"));
		}
		this.f
			.post("/api/v1/exchange-rates",
					"{\"base\": \"CHF\", \"quote\": \"USD\", \"rate\": \"1.1\", \"day\": \"2001-02-30\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("day"));
	}

	@Test
	void theGroupCommitConvertsEveryOrderOfABatchAndOneWithoutARateFailsAlone() throws Exception {
		LocalDate day = someDay(1975);
		this.f.post("/api/v1/exchange-rates", rate("SEK", "USD", "0.1", day)).andExpect(status().isCreated());
		ProductSummary product = this.f.product("100.00");
		ProgramSummary program = this.f.program(1, Rate.percent("10"), Rate.percent("0"));
		PartnerSummary partner = this.f.partner(program);
		int orders = 24;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(orders);
		try {
			List<Future<Integer>> statuses = new ArrayList<>();
			for (int i = 0; i < orders; i++) {
				// one order in NOK, for which no rate is stored
				String currency = i == orders / 2 ? "NOK" : "SEK";
				String body = order(unique("fxg-"), partner.code(), currency, day, item(product.sku(), 1, "1000.00"));
				statuses.add(pool.submit(() -> {
					start.await();
					return this.f.postOrder(body).andReturn().getResponse().getStatus();
				}));
			}
			start.countDown();
			List<Integer> answers = new ArrayList<>();
			for (Future<Integer> status : statuses) {
				answers.add(status.get());
			}
			assertThat(answers).filteredOn(s -> s == 201).hasSize(orders - 1);
			assertThat(answers).filteredOn(s -> s == 422).hasSize(1);
		}
		finally {
			pool.shutdownNow();
		}
		// 1000.00 SEK × 0.1 = 100.00 USD → 10.00 USD each, converted at the stored rate
		List<Map<String, Object>> rows = this.jdbc.sql("""
				select amount, currency, order_currency, exchange_rate from commission where partner_id = :p
				""").param("p", partner.id()).query().listOfRows();
		assertThat(rows).hasSize(orders - 1).allSatisfy(row -> {
			assertThat(row.get("amount")).hasToString("10.00");
			assertThat(row.get("currency")).isEqualTo("USD");
			assertThat(row.get("order_currency")).isEqualTo("SEK");
			assertThat(row.get("exchange_rate")).hasToString("0.10000000");
		});
	}

	@Test
	void theHostedOrderFormNeverAnswers500WhenItsCurrencyHasNoRate() throws Exception {
		ProductSummary product = this.programs.createProduct(unique("SKU-"), "Icelandic course",
				new java.math.BigDecimal("1000.00"), "ISK");
		ProgramSummary program = this.f.program(1, Rate.percent("10"), Rate.percent("0"));
		PartnerSummary partner = this.f.partner(program);
		String page = this.mvc
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/buy/" + product.sku()))
			.andReturn()
			.getResponse()
			.getContentAsString();
		java.util.regex.Matcher id = java.util.regex.Pattern.compile("value=\"(web-[0-9a-f-]{36})\"").matcher(page);
		assertThat(id.find()).isTrue();
		MvcResult result = this.mvc
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/buy/" + product.sku())
				.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
				.param("orderId", id.group(1))
				.param("firstName", "Bea")
				.param("lastName", "Buyer")
				.param("email", buyer())
				.param("quantity", "1")
				.param("referral", partner.code()))
			.andReturn();
		int status = result.getResponse().getStatus();
		// ISK→USD is stored nowhere: a clear page, never a 500 (a form that records
		// unpaid orders may redirect)
		assertThat(status).isIn(302, 303, 422);
		if (status == 422) {
			assertThat(result.getResponse().getContentAsString()).contains("cannot be ordered right now");
			assertThat(this.jdbc.sql("select count(*) from customer_order where order_id = :id")
				.param("id", id.group(1))
				.query(Long.class)
				.single()).isZero();
		}
	}

}
