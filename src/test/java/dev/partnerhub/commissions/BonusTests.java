package dev.partnerhub.commissions;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.MutableClock;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.orders.OrderFixtures;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.Enrollment;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static dev.partnerhub.orders.OrderFixtures.read;
import static dev.partnerhub.orders.OrderFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Bonuses (issue 19): {@code POST /api/v1/partners/{code}/bonuses} and the console's
 * "Give bonus" make a tier-1 commission of kind {@code bonus}, idempotent by bonus id,
 * approved and paid like any other, shown to the partner with its reason.
 */
@IntegrationTest
class BonusTests {

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

	@Autowired
	CommissionApi commissions;

	@Autowired
	MutableClock clock;

	OrderFixtures f;

	ProgramSummary program;

	PartnerSummary partner;

	@BeforeEach
	void fixtures() {
		this.f = new OrderFixtures(this.programs, this.partners, this.contacts, this.mvc);
		this.program = this.f.program(1, Rate.percent("10"), null);
		// with a login (the partner center) and a payout e-mail (payouts)
		String code = unique("bp");
		long contactId = this.contacts.create(code + "@partners.example.com", "Bo", "Nus").id();
		this.partner = this.partners.enroll(new Enrollment(contactId, this.program.id(), code, PartnerStatus.APPROVED,
				null, code + "@paypal.example.com", "bonus-partner-password-1"));
	}

	static String bonus(String amount, String currency, String reason, String bonusId) {
		return """
				{"amount": "%s", "currency": "%s", "reason": "%s", "bonusId": "%s"}
				""".formatted(amount, currency, reason, bonusId);
	}

	long bonusRows(String key) {
		return this.jdbc.sql("select count(*) from commission where bonus_key = :key")
			.param("key", key)
			.query(Long.class)
			.single();
	}

	@Test
	void theApiGivesABonusOncePerBonusIdAndListsItWithItsKind() throws Exception {
		String key = unique("bonus-");
		String path = "/api/v1/partners/" + this.partner.code() + "/bonuses";
		MvcResult first = this.f.post(path, bonus("50.00", "USD", "Top seller in March", key))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.kind").value("bonus"))
			.andExpect(jsonPath("$.tier").value(1))
			.andExpect(jsonPath("$.amount").value("50.00"))
			.andExpect(jsonPath("$.currency").value("USD"))
			.andExpect(jsonPath("$.status").value("pending"))
			.andExpect(jsonPath("$.partnerCode").value(this.partner.code()))
			.andExpect(jsonPath("$.bonusId").value(key))
			.andReturn();
		Integer id = read(first, "$.id");
		// the same bonus again: the same commission, 200, never a second one
		this.f.post(path, bonus("50.00", "USD", "Top seller in March", key))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(id));
		// the same id for another bonus: 409
		this.f.post(path, bonus("60.00", "USD", "Top seller in March", key)).andExpect(status().isConflict());
		PartnerSummary other = this.f.partner(this.program);
		this.f.post("/api/v1/partners/" + other.code() + "/bonuses", bonus("50.00", "USD", "x", key))
			.andExpect(status().isConflict());
		assertThat(bonusRows(key)).isEqualTo(1);

		this.f.get("/api/v1/commissions?partner=" + this.partner.code())
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.items[0].id").value(id))
			.andExpect(jsonPath("$.items[0].kind").value("bonus"))
			.andExpect(jsonPath("$.items[0].orderId").value(nullValue()))
			.andExpect(jsonPath("$.items[0].sku").value(nullValue()))
			.andExpect(jsonPath("$.items[0].amount").value("50.00"))
			.andExpect(jsonPath("$.items[0].status").value("pending"));
		// audited with who and why
		Map<String, Object> audit = this.jdbc.sql("""
				select actor, detail from audit_entry where action = 'commission.bonus' and subject_id = :id
				""").param("id", String.valueOf(id)).query().singleRow();
		assertThat(audit.get("actor")).isNotEqualTo("system");
		assertThat((String) audit.get("detail")).contains("Top seller in March").contains(key);
	}

	@Test
	void concurrentCallsWithOneBonusIdMakeOneCommission() throws Exception {
		String key = unique("race-");
		int threads = 8;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		Set<Long> ids = ConcurrentHashMap.newKeySet();
		List<Future<Boolean>> created = new ArrayList<>();
		try {
			for (int i = 0; i < threads; i++) {
				created.add(pool.submit(() -> {
					start.await();
					BonusResult result = this.commissions
						.giveBonus(new Bonus(this.partner.id(), new BigDecimal("25.00"), "USD", "Race prize", key));
					ids.add(result.commission().id());
					return result.created();
				}));
			}
			start.countDown();
			int creators = 0;
			for (Future<Boolean> one : created) {
				creators += one.get(30, TimeUnit.SECONDS) ? 1 : 0;
			}
			assertThat(creators).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(ids).hasSize(1);
		assertThat(bonusRows(key)).isEqualTo(1);
	}

	@Test
	void badInputIsAClearErrorAndCreatesNothing() throws Exception {
		String path = "/api/v1/partners/" + this.partner.code() + "/bonuses";
		String key = unique("bad-");
		for (String amount : List.of("1e3", "-5.00", "5.001", "0.00", " 5", "abc")) {
			this.f.post(path, bonus(amount, "USD", "why", key))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		}
		this.f.post(path, bonus("5.00", "usd", "why", key)).andExpect(status().isBadRequest());
		this.f.post(path, bonus("5.00", "USD", " ", key)).andExpect(status().isBadRequest());
		this.f.post(path, bonus("5.00", "USD", "why", "has space")).andExpect(status().isBadRequest());
		this.f.post(path, "{\"amount\": \"5.00\", \"currency\": \"USD\", \"reason\": \"why\"}")
			.andExpect(status().isBadRequest());
		this.f
			.post(path,
					"{\"amount\": \"5.00\", \"currency\": \"USD\", \"reason\": \"w\", \"bonusId\": \"" + key
							+ "\", \"orderId\": \"x\"}")
			.andExpect(status().isBadRequest());
		this.f.post("/api/v1/partners/no-such-partner-x/bonuses", bonus("5.00", "USD", "why", key))
			.andExpect(status().isNotFound());
		// no exchange rate to the program's currency: refused clearly
		this.f.post(path, bonus("5.00", "MNT", "why", key))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.detail").value(containsString("MNT")));
		assertThat(bonusRows(key)).isZero();
	}

	@Test
	void anotherCurrencyIsConvertedAtTodaysStoredRate() throws Exception {
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		this.f.post("/api/v1/exchange-rates", """
				{"base": "ISK", "quote": "USD", "rate": "0.00720000", "day": "%s"}
				""".formatted(today)).andExpect(status().isCreated());
		String key = unique("fx-");
		this.f.post("/api/v1/partners/" + this.partner.code() + "/bonuses", bonus("10000.00", "ISK", "Prize", key))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.amount").value("72.00"))
			.andExpect(jsonPath("$.currency").value("USD"))
			.andExpect(jsonPath("$.exchangeRate").value("0.0072"));
		Map<String, Object> row = this.jdbc
			.sql("select order_currency, base_amount, currency from commission where bonus_key = :key")
			.param("key", key)
			.query()
			.singleRow();
		assertThat(row.get("order_currency")).isEqualTo("ISK");
		assertThat(row.get("base_amount")).hasToString("10000.00");
		assertThat(row.get("currency")).isEqualTo("USD");
	}

	@Test
	void aBonusIsApprovedAndPaidLikeAnyOtherAndThePartnerSeesItsReason() throws Exception {
		String key = unique("paid-");
		MvcResult given = this.f
			.post("/api/v1/partners/" + this.partner.code() + "/bonuses",
					bonus("40.00", "USD", "Webinar co-host thank-you", key))
			.andExpect(status().isCreated())
			.andReturn();
		Integer id = read(given, "$.id");
		this.f.post("/api/v1/commissions/approve", "{\"ids\": [" + id + "]}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.changed").value(1));
		MvcResult batch = this.f.post("/api/v1/payouts", "{\"program\": \"" + this.program.name() + "\"}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.total").value("40.00"))
			.andReturn();
		Integer batchId = read(batch, "$.id");
		this.f.post("/api/v1/payouts/" + batchId + "/paid", "{}").andExpect(status().isOk());
		assertThat(this.jdbc.sql("select status from commission where id = :id")
			.param("id", id)
			.query(String.class)
			.single()).isEqualTo("paid");

		String email = this.f.emailOf(this.partner);
		this.mvc.perform(get("/partner/commissions?tab=history").with(user(email).roles("PARTNER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Bonus: Webinar co-host thank-you")));
		this.mvc.perform(get("/partner/commissions/" + id).with(user(email).roles("PARTNER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Bonus: Webinar co-host thank-you")));
	}

	@Test
	void theConsoleGivesABonusFromThePartnerPageAndListsIt() throws Exception {
		var admin = user("admin@test.local").roles("ADMIN");
		this.mvc.perform(get("/admin/partners/" + this.partner.id()).with(admin))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Give bonus")))
			.andExpect(content().string(containsString("value=\"USD\"")));
		String key = "console:" + unique("k");
		this.mvc
			.perform(post("/admin/partners/" + this.partner.id() + "/bonuses").with(admin)
				.with(csrf())
				.param("amount", "12.50")
				.param("currency", "USD")
				.param("reason", "Great launch post")
				.param("bonusId", key))
			.andExpect(redirectedUrl("/admin/partners/" + this.partner.id() + "#bonus"))
			.andExpect(flash().attribute("message", containsString("Bonus given: 12.50 USD")));
		// a double submit of the same form: still one bonus
		this.mvc
			.perform(post("/admin/partners/" + this.partner.id() + "/bonuses").with(admin)
				.with(csrf())
				.param("amount", "12.50")
				.param("currency", "USD")
				.param("reason", "Great launch post")
				.param("bonusId", key))
			.andExpect(flash().attribute("message", containsString("given already")));
		assertThat(bonusRows(key)).isEqualTo(1);
		// strict money input: a message, not an error page, and nothing created
		this.mvc
			.perform(post("/admin/partners/" + this.partner.id() + "/bonuses").with(admin)
				.with(csrf())
				.param("amount", "1,000")
				.param("currency", "USD")
				.param("reason", "x")
				.param("bonusId", key + "b"))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("error", containsString("plain amount")));
		assertThat(bonusRows(key + "b")).isZero();
		// without CSRF: refused
		this.mvc
			.perform(post("/admin/partners/" + this.partner.id() + "/bonuses").with(admin)
				.param("amount", "1.00")
				.param("currency", "USD")
				.param("reason", "x"))
			.andExpect(status().isForbidden());
		// a partner may not
		this.mvc
			.perform(post("/admin/partners/" + this.partner.id() + "/bonuses")
				.with(user(this.f.emailOf(this.partner)).roles("PARTNER"))
				.with(csrf())
				.param("amount", "1.00")
				.param("currency", "USD")
				.param("reason", "x"))
			.andExpect(status().isForbidden());

		this.mvc.perform(get("/admin/commissions").param("partner", this.partner.code()).with(admin))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Great launch post")))
			.andExpect(content().string(not(containsString("/admin/orders/\""))));
		this.mvc.perform(get("/admin/commissions.csv").param("partner", this.partner.code()).with(admin))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(",kind")))
			.andExpect(content().string(containsString("Great launch post")))
			.andExpect(content().string(containsString(",bonus")));
		Map<String, Object> audit = this.jdbc.sql("""
				select a.actor, a.detail from audit_entry a join commission c on cast(c.id as text) = a.subject_id
				where a.action = 'commission.bonus' and c.bonus_key = :key
				""").param("key", key).query().singleRow();
		assertThat(audit.get("actor")).isEqualTo("admin@test.local");
	}

}
