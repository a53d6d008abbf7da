package dev.partnerhub.rollups;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.rollups.domain.RollupEngine;
import dev.partnerhub.rollups.domain.RollupRecomputes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static dev.partnerhub.orders.OrderFixtures.item;
import static dev.partnerhub.orders.OrderFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * Zero drift: random sequences of orders, recurring charges, partial and full refunds
 * (before and after payment), approvals, declines, payouts, program changes and referrer
 * changes; then every rollup value of every partner of the test — materialised and on
 * read — equals an aggregate written independently here in plain SQL.
 */
@IntegrationTest
class RollupDriftTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partnerService;

	@Autowired
	ContactService contacts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RollupEngine engine;

	@Autowired
	RollupRecomputes recomputes;

	RollupFixtures fx;

	@BeforeEach
	void setUp() {
		this.fx = new RollupFixtures(this.programs, this.partnerService, this.contacts, this.mvc, this.jdbc,
				this.engine);
	}

	/**
	 * A rollup under test: its API definition and the independent SQL for one partner
	 * (:p) as of day :today.
	 */
	record Check(String name, String json, String sql) {
	}

	@Test
	void randomEventSequencesNeverDrift() throws Exception {
		long seed = Long.getLong("rollups.seed", System.nanoTime());
		System.out.println("RollupDriftTests seed = " + seed + " (rerun with -Drollups.seed=" + seed + ")");
		Random random = new Random(seed);

		ProgramSummary twoTier = this.fx.orders.program(2, Rate.percent("10"), Rate.percent("5"));
		ProgramSummary oneTier = this.fx.orders.program(1, Rate.percent("20"), Rate.percent("0"));
		List<ProgramSummary> programList = List.of(twoTier, oneTier);
		List<ProductSummary> products = List.of(this.fx.orders.product("20.00"), this.fx.orders.product("99.00"),
				this.fx.orders.product("7.50"));
		List<PartnerSummary> partners = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			PartnerSummary parent = i >= 3 && random.nextBoolean() ? partners.get(random.nextInt(3)) : null;
			partners.add(this.fx.partner(i % 3 == 2 ? oneTier : twoTier, parent));
		}
		List<String> buyers = new ArrayList<>();
		for (int i = 0; i < 15; i++) {
			buyers.add(unique("buyer") + "@customers.example.com");
		}

		String s = unique(" ");
		String p0 = products.get(0).sku();
		String p1 = products.get(1).sku();
		List<Check> checks = List.of(new Check("pending", """
				{"function": "sum", "relationship": "commissions_earned", "field": "amount",
				 "filter": {"match": "all", "conditions": [{"field": "status", "op": "eq", "value": "pending"}]}}""",
				"select coalesce(sum(amount), 0) from commission where partner_id = :p and status = 'pending'"),
				new Check("approved or paid", """
						{"function": "sum", "relationship": "commissions_earned", "field": "amount",
						 "filter": {"match": "any", "conditions": [{"field": "status", "op": "eq", "value": "approved"},
						   {"field": "status", "op": "eq", "value": "paid"}]}}""",
						"select coalesce(sum(amount), 0) from commission where partner_id = :p and status in ('approved', 'paid')"),
				new Check("sales of p0",
						"""
								{"function": "count", "relationship": "commissions_earned",
								 "filter": {"match": "all", "conditions": [{"field": "product", "op": "eq", "value": "%s"}]}}"""
							.formatted(p0.toLowerCase()),
						"select count(*) from commission where partner_id = :p and sku = '" + p0 + "'"),
				new Check("avg tier 2", """
						{"function": "avg", "relationship": "commissions_earned", "field": "amount",
						 "filter": {"match": "all", "conditions": [{"field": "tier", "op": "eq", "value": "2"}]}}""",
						"select round(avg(amount), 2) from commission where partner_id = :p and tier = 2"),
				new Check("min any", """
						{"function": "min", "relationship": "commissions_earned", "field": "amount"}""",
						"select min(amount) from commission where partner_id = :p"),
				new Check("max recent not declined", """
						{"function": "max", "relationship": "commissions_earned", "field": "amount",
						 "filter": {"match": "all", "conditions": [{"field": "status", "op": "ne", "value": "declined"},
						   {"field": "dateProcessed", "op": "on_or_after", "value": "30 days ago"}]}}""",
						"select max(amount) from commission where partner_id = :p and status <> 'declined'"
								+ " and (transaction_date at time zone 'UTC')::date >= cast(:today as date) - 30"),
				new Check("week p1 or paid late", """
						{"function": "sum", "relationship": "commissions_earned", "field": "amount",
						 "filter": {"match": "all", "conditions": [
						   {"field": "dateProcessed", "op": "within_last_days", "value": "7"},
						   {"match": "any", "conditions": [{"field": "product", "op": "eq", "value": "%s"},
						     {"field": "datePaid", "op": "on_or_after", "value": "2000-01-01"},
						     {"field": "amount", "op": "lt", "value": "0"}]}]}}""".formatted(p1),
						"select coalesce(sum(amount), 0) from commission where partner_id = :p"
								+ " and (transaction_date at time zone 'UTC')::date between cast(:today as date) - 6 and cast(:today as date)"
								+ " and (sku = '" + p1 + "' or paid_at is not null or amount < 0)"),
				new Check("first referred", """
						{"function": "count", "relationship": "referred_contacts_first"}""",
						"select count(*) from contact where first_referrer_id = :p"),
				new Check("last referred recent",
						"""
								{"function": "count", "relationship": "referred_contacts_last",
								 "filter": {"match": "all", "conditions": [{"field": "dateAdded", "op": "within_last_days", "value": "3650"}]}}""",
						"select count(*) from contact where last_referrer_id = :p"
								+ " and (date_added at time zone 'UTC')::date > cast(:today as date) - 3650"
								+ " and (date_added at time zone 'UTC')::date <= cast(:today as date)"),
				new Check("open total", """
						{"function": "sum", "relationship": "active_referred_open_orders", "field": "total"}""",
						"select coalesce(sum(total), 0) from customer_order where referrer_id = :p and status = 'open'"),
				new Check("open with p1",
						"""
								{"function": "count", "relationship": "active_referred_open_orders",
								 "filter": {"match": "all", "conditions": [{"field": "product", "op": "eq", "value": "%s"}]}}"""
							.formatted(p1),
						"select count(*) from customer_order o where o.referrer_id = :p and o.status = 'open'"
								+ " and exists (select 1 from order_item i where i.order_id = o.id and i.sku = '" + p1
								+ "')"),
				new Check("open avg", """
						{"function": "avg", "relationship": "active_referred_open_orders", "field": "total",
						 "filter": {"match": "all", "conditions": [{"field": "total", "op": "gte", "value": "10"}]}}""",
						"select round(avg(total), 2) from customer_order where referrer_id = :p and status = 'open' and total >= 10"));
		Map<Long, Check> rollups = new LinkedHashMap<>();
		for (Check check : checks) {
			String json = "{\"name\": \"" + check.name() + s + "\", " + check.json().strip().substring(1);
			rollups.put(this.fx.rollup(json), check);
		}

		List<String> orderIds = new ArrayList<>();
		List<String> openOrders = new ArrayList<>();
		for (int step = 0; step < 300; step++) {
			int kind = random.nextInt(100);
			if (kind < 35) {
				String orderId = unique("d-");
				boolean recurring = random.nextInt(3) == 0;
				String referral = random.nextInt(6) == 0 ? null : partners.get(random.nextInt(partners.size())).code();
				StringBuilder items = new StringBuilder();
				int lines = 1 + random.nextInt(2);
				for (int l = 0; l < lines; l++) {
					ProductSummary product = products.get(random.nextInt(products.size()));
					items.append(l == 0 ? "" : ",")
						.append(item(product.sku(), 1 + random.nextInt(3), product.price().toPlainString()));
				}
				Instant at = Instant.now().minus(Duration.ofHours(random.nextInt(24 * 45)));
				String body = """
						{"orderId": "%s", "email": "%s", %s "currency": "USD", "occurredAt": "%s", "recurring": %s,
						 "items": [%s]}""".formatted(orderId, buyers.get(random.nextInt(buyers.size())),
						referral == null ? "" : "\"referral\": \"" + referral + "\",", at, recurring, items);
				if (ok(this.fx.orders.postOrder(body).andReturn())) {
					orderIds.add(orderId);
					if (recurring) {
						openOrders.add(orderId);
					}
				}
			}
			else if (kind < 45 && !openOrders.isEmpty()) {
				String orderId = openOrders.get(random.nextInt(openOrders.size()));
				ok(this.fx
					.post("/api/v1/orders/" + orderId + "/charges",
							"{\"chargeId\": \"" + unique("c-") + "\", \"amount\": \"" + (5 + random.nextInt(50))
									+ ".00\"}")
					.andReturn());
			}
			else if (kind < 53 && !orderIds.isEmpty()) {
				String orderId = orderIds.get(random.nextInt(orderIds.size()));
				String amount = random.nextBoolean() ? null : (1 + random.nextInt(20)) + ".00";
				ok(this.fx
					.post("/api/v1/orders/" + orderId + "/refunds",
							"{\"refundId\": \"" + unique("r-") + "\""
									+ (amount == null ? "" : ", \"amount\": \"" + amount + "\"") + "}")
					.andReturn());
			}
			else if (kind < 68) {
				List<Long> pending = pendingOf(partners, random);
				if (!pending.isEmpty()) {
					ok(this.fx.post("/api/v1/commissions/approve", "{\"ids\": " + pending + "}").andReturn());
				}
			}
			else if (kind < 74) {
				List<Long> pending = pendingOf(partners, random);
				if (!pending.isEmpty()) {
					ok(this.fx.post("/api/v1/commissions/decline", "{\"ids\": " + pending + ", \"reason\": \"drift\"}")
						.andReturn());
				}
			}
			else if (kind < 80) {
				this.fx.payAll(programList.get(random.nextInt(2)));
			}
			else if (kind < 84) {
				PartnerSummary partner = partners.get(random.nextInt(partners.size()));
				ok(this.mvc
					.perform(put("/api/v1/partners/" + partner.code() + "/program")
						.header("Authorization", IntegrationTest.BEARER)
						.contentType("application/json")
						.content("{\"program\": \"" + programList.get(random.nextInt(2)).name() + "\"}"))
					.andReturn());
			}
			else if (kind < 92) {
				String body = "{\"email\": \"" + buyers.get(random.nextInt(buyers.size())) + "\", \"referral\": \""
						+ partners.get(random.nextInt(partners.size())).code() + "\"}";
				ok(this.fx.post("/api/v1/contacts", body).andReturn());
			}
			else if (kind < 95 && !openOrders.isEmpty()) {
				String orderId = openOrders.remove(random.nextInt(openOrders.size()));
				ok(this.fx.post("/api/v1/orders/" + orderId + "/close", "{}").andReturn());
			}
			else if (kind < 100) {
				// Sometimes the refresher runs in the middle of things.
				this.engine.drain();
			}
		}

		this.engine.drain();
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		int compared = 0;
		for (PartnerSummary partner : partners) {
			Map<String, Object> api = this.fx.apiValues(partner.code());
			for (Map.Entry<Long, Check> entry : rollups.entrySet()) {
				Check check = entry.getValue();
				BigDecimal expected = expected(check.sql(), partner.id(), today);
				BigDecimal stored = storedValue(entry.getKey(), partner.contactId());
				assertThat(stored).as("stored %s of %s (seed %d)", check.name(), partner.code(), seed)
					.isEqualTo(expected == null ? null : expected.setScale(2));
				Object shown = api.get(check.name() + s);
				Object expectedJson = check.json().contains("\"count\"") ? (Object) expected.intValue()
						: expected == null ? null : expected.setScale(2).toPlainString();
				assertThat(shown).as("API %s of %s (seed %d)", check.name(), partner.code(), seed)
					.isEqualTo(expectedJson);
				compared++;
			}
		}
		assertThat(compared).isEqualTo(partners.size() * checks.size());
		long commissions = this.jdbc.sql("select count(*) from commission where partner_id = any(:ids)")
			.param("ids", new SqlArrayValue("bigint", partners.stream().map(PartnerSummary::id).toArray()))
			.query(Long.class)
			.single();
		System.out.println("RollupDriftTests: " + commissions + " commissions, " + compared + " values compared");
		assertThat(commissions).isGreaterThan(20);

		// Relative windows as days pass: recomputed for another "today", the values
		// follow that day.
		LocalDate later = today.plusDays(20);
		this.recomputes.refreshRelative(later);
		for (PartnerSummary partner : partners) {
			for (Map.Entry<Long, Check> entry : rollups.entrySet()) {
				BigDecimal expected = expected(entry.getValue().sql(), partner.id(), later);
				assertThat(storedValue(entry.getKey(), partner.contactId()))
					.as("%s of %s on %s (seed %d)", entry.getValue().name(), partner.code(), later, seed)
					.isEqualTo(expected == null ? null : expected.setScale(2));
			}
		}
		this.recomputes.refreshRelative(today);
	}

	private List<Long> pendingOf(List<PartnerSummary> partners, Random random) {
		List<Long> ids = this.jdbc
			.sql("select id from commission where partner_id = any(:ids) and status = 'pending' " + "order by id")
			.param("ids", new SqlArrayValue("bigint", partners.stream().map(PartnerSummary::id).toArray()))
			.query(Long.class)
			.list();
		List<Long> some = new ArrayList<>();
		for (Long id : ids) {
			if (random.nextInt(3) == 0) {
				some.add(id);
			}
		}
		return some;
	}

	private BigDecimal expected(String sql, long partnerId, LocalDate today) {
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("p", partnerId);
		if (sql.contains(":today")) {
			params.put("today", today);
		}
		List<BigDecimal> values = this.jdbc.sql(sql).params(params).query((rs, n) -> rs.getBigDecimal(1)).list();
		return values.get(0);
	}

	private BigDecimal storedValue(long rollupId, long contactId) {
		List<BigDecimal> values = this.jdbc
			.sql("select value from rollup_value where rollup_field_id = :r and contact_id = :c")
			.param("r", rollupId)
			.param("c", contactId)
			.query((rs, n) -> rs.getBigDecimal(1))
			.list();
		assertThat(values).as("a stored row for rollup %d and contact %d", rollupId, contactId).hasSize(1);
		return values.get(0);
	}

	/**
	 * Any answer but a server error: random events may be refused (409, 400), never
	 * break.
	 */
	private static boolean ok(MvcResult result) {
		int status = result.getResponse().getStatus();
		assertThat(status).as("status of %s", result.getRequest().getRequestURI()).isLessThan(500);
		return status < 300;
	}

}
