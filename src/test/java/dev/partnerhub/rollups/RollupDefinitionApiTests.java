package dev.partnerhub.rollups;

import java.math.BigDecimal;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.rollups.domain.RollupEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static dev.partnerhub.orders.OrderFixtures.item;
import static dev.partnerhub.orders.OrderFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The definitions API: validation with clear messages, CRUD, recompute after an edit,
 * change events.
 */
@IntegrationTest
class RollupDefinitionApiTests {

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
	RollupEventRecorder recorder;

	RollupFixtures fx;

	@BeforeEach
	void setUp() {
		this.fx = new RollupFixtures(this.programs, this.partnerService, this.contacts, this.mvc, this.jdbc,
				this.engine);
	}

	private void rejected(String json, String message) throws Exception {
		this.fx.post("/api/v1/rollup-fields", json)
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString(message)));
	}

	@Test
	void badDefinitionsAreRejectedWithClearMessages() throws Exception {
		String name = unique("Bad ");
		rejected("""
				{"name": "%s", "function": "sum", "relationship": "commissions_earned", "field": "amount",
				 "filter": {"match": "all", "conditions": [{"field": "status", "op": "eq", "value": "pending"},
				   {"field": "colour", "op": "eq", "value": "red"}]}}""".formatted(name),
				"Condition 2: unknown field 'colour' (known: status, product, tier, amount, dateProcessed, datePaid)");
		rejected("""
				{"name": "%s", "function": "sum", "relationship": "commissions_earned", "field": "status"}"""
			.formatted(name), "field: cannot sum status (not a numeric field)");
		rejected("""
				{"name": "%s", "function": "avg", "relationship": "commissions_earned"}""".formatted(name),
				"field: avg needs a field to roll up (amount)");
		rejected("""
				{"name": "%s", "function": "count", "relationship": "commissions_earned", "field": "amount"}"""
			.formatted(name), "field: count takes no field");
		rejected("""
				{"name": "%s", "function": "sum", "relationship": "referred_contacts_first", "field": "amount"}"""
			.formatted(name), "referred_contacts_first has no numeric field to sum; use count");
		rejected("""
				{"name": "%s", "function": "count", "relationship": "commissions_earned",
				 "filter": {"match": "all", "conditions": [{"field": "status", "op": "eq", "value": "paid"},
				   {"match": "any", "conditions": []}]}}""".formatted(name), "Group 2: the group is empty");
		rejected("""
				{"name": "%s", "function": "count", "relationship": "commissions_earned",
				 "filter": {"match": "all", "conditions": [{"field": "status", "op": "like", "value": "paid"}]}}"""
			.formatted(name), "Condition 1: unknown op 'like'");
		rejected("""
				{"name": "%s", "function": "count", "relationship": "commissions_earned",
				 "filter": {"match": "all", "conditions": [{"field": "status", "op": "gt", "value": "paid"}]}}"""
			.formatted(name), "Condition 1, operator: 'gt' does not apply to status");
		rejected("""
				{"name": "%s", "function": "count", "relationship": "commissions_earned",
				 "filter": {"match": "all", "conditions": [{"field": "dateProcessed", "op": "on_or_after",
				   "value": "2026-02-31"}]}}""".formatted(name), "Condition 1, value: '2026-02-31' is not a date");
		rejected("""
				{"name": "%s", "function": "count", "relationship": "commissions_earned",
				 "filter": {"match": "all", "conditions": [{"field": "status", "op": "eq", "value": "unpaid"}]}}"""
			.formatted(name), "'unpaid' is not a status (known: pending, approved, declined, paid, refunded)");
		rejected(
				"""
						{"name": "%s", "function": "count", "relationship": "commissions_earned",
						 "filter": {"match": "all", "conditions": [{"field": "status", "op": "eq", "value": "paid", "x": 1}]}}"""
					.formatted(name),
				"Condition 1: unknown key 'x'");
		rejected("""
				{"name": "%s", "function": "median", "relationship": "commissions_earned"}""".formatted(name),
				"function: function must be one of sum, count, avg, min, max");
		rejected("""
				{"name": "", "function": "count", "relationship": "commissions_earned"}""", "name: a name is required");
		rejected("""
				{"name": "%s", "function": "count", "relationship": "commissions_earned",
				 "filter": {"match": "all", "conditions": [{"field": "dateProcessed", "op": "within_last_days",
				   "value": "a year"}]}}""".formatted(name), "within_last_days takes a whole number of days");
		// Nesting deeper than five groups.
		String deep = "{\"field\": \"status\", \"op\": \"eq\", \"value\": \"paid\"}";
		for (int i = 0; i < 6; i++) {
			deep = "{\"match\": \"any\", \"conditions\": [" + deep + "]}";
		}
		rejected("{\"name\": \"" + name + "\", \"function\": \"count\", \"relationship\": \"commissions_earned\", "
				+ "\"filter\": " + deep + "}", "nested too deeply");
		// Unknown top-level JSON fields: 400 too.
		String body = """
				{"name": "%s", "function": "count", "relationship": "commissions_earned", "colour": "red"}"""
			.formatted(name);
		this.fx.post("/api/v1/rollup-fields", body)
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("colour")));
		assertThat(this.jdbc.sql("select count(*) from rollup_field where name = :n")
			.param("n", name)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void createReadListUpdateDeleteAndDuplicateNames() throws Exception {
		String name = unique("Pending ");
		long id = this.fx.rollup("""
				{"name": "%s", "function": "sum", "relationship": "commissions_earned", "field": "amount",
				 "filter": {"match": "all", "conditions": [{"field": "status", "op": "eq", "value": "pending"}]}}"""
			.formatted(name));
		this.fx.orders.get("/api/v1/rollup-fields/" + id)
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value(name))
			.andExpect(jsonPath("$.function").value("sum"))
			.andExpect(jsonPath("$.relationship").value("commissions_earned"))
			.andExpect(jsonPath("$.field").value("amount"))
			.andExpect(jsonPath("$.filter.match").value("all"))
			.andExpect(jsonPath("$.filter.conditions[0].field").value("status"))
			.andExpect(jsonPath("$.filter.conditions[0].op").value("eq"))
			.andExpect(jsonPath("$.filter.conditions[0].value").value("pending"))
			.andExpect(jsonPath("$.summary").value("Status equal to pending"))
			.andExpect(jsonPath("$.recompute.status").value("done"));
		this.fx.orders.get("/api/v1/rollup-fields")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[?(@.id == " + id + ")].name").value(name));
		this.fx
			.post("/api/v1/rollup-fields",
					"""
							{"name": "%s", "function": "count", "relationship": "commissions_earned"}"""
						.formatted(name.toUpperCase()))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail", containsString("already exists")));
		this.fx.orders.get("/api/v1/rollup-fields/999999999").andExpect(status().isNotFound());
		this.fx.remove(id);
		this.fx.orders.get("/api/v1/rollup-fields/" + id).andExpect(status().isNotFound());
		assertThat(this.jdbc.sql("select count(*) from rollup_value where rollup_field_id = :id")
			.param("id", id)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void anEditRecomputesEveryValueInTheBackgroundWithProgress() throws Exception {
		ProgramSummary program = this.fx.orders.program(1, Rate.percent("10"), Rate.percent("0"));
		ProductSummary product = this.fx.orders.product("50.00");
		PartnerSummary partner = this.fx.partner(program, null);
		List<Long> first = this.fx.order(unique("o-"), unique("b") + "@customers.example.com", partner.code(),
				java.time.Instant.now(), false, item(product.sku(), 1, "50.00"));
		this.fx.order(unique("o-"), unique("b") + "@customers.example.com", partner.code(), java.time.Instant.now(),
				false, item(product.sku(), 2, "50.00"));
		this.fx.approve(first);
		String name = unique("Edited ");
		long id = this.fx.rollup("""
				{"name": "%s", "function": "sum", "relationship": "commissions_earned", "field": "amount",
				 "filter": {"match": "all", "conditions": [{"field": "status", "op": "eq", "value": "pending"}]}}"""
			.formatted(name));
		assertThat(this.fx.stored(id, partner.contactId())).isEqualByComparingTo("10.00");

		this.fx.update(id, """
				{"name": "%s", "function": "sum", "relationship": "commissions_earned", "field": "amount",
				 "filter": {"match": "all", "conditions": [{"field": "status", "op": "eq", "value": "approved"}]}}"""
			.formatted(name));
		MvcResult during = this.fx.orders.get("/api/v1/rollup-fields/" + id).andExpect(status().isOk()).andReturn();
		String json = during.getResponse().getContentAsString();
		assertThat((String) JsonPath.read(json, "$.recompute.status")).isIn("queued", "running", "done");
		long partners = this.jdbc.sql("select count(*) from partner").query(Long.class).single();
		assertThat(((Number) JsonPath.read(json, "$.recompute.total")).longValue()).isGreaterThanOrEqualTo(partners);
		this.fx.awaitRecompute(id);
		this.fx.orders.get("/api/v1/rollup-fields/" + id)
			.andExpect(jsonPath("$.recompute.percent").value(100))
			.andExpect(jsonPath("$.summary").value("Status equal to approved"));
		// Read straight from the table (no drain): the recompute itself wrote the new
		// value.
		BigDecimal value = this.jdbc
			.sql("select value from rollup_value where rollup_field_id = :r and contact_id = :c")
			.param("r", id)
			.param("c", partner.contactId())
			.query(BigDecimal.class)
			.single();
		assertThat(value).isEqualByComparingTo("5.00");
	}

	@Test
	void valueChangesAreAnnouncedWithTheirRealOldAndNewValues() throws Exception {
		ProgramSummary program = this.fx.orders.program(1, Rate.percent("10"), Rate.percent("0"));
		ProductSummary product = this.fx.orders.product("100.00");
		PartnerSummary partner = this.fx.partner(program, null);
		String name = unique("Approved ");
		long id = this.fx.rollup("""
				{"name": "%s", "function": "sum", "relationship": "commissions_earned", "field": "amount",
				 "filter": {"match": "all", "conditions": [{"field": "status", "op": "eq", "value": "approved"}]}}"""
			.formatted(name));
		String orderId = unique("o-");
		List<Long> ids = this.fx.order(orderId, unique("b") + "@customers.example.com", partner.code(),
				java.time.Instant.now(), false, item(product.sku(), 1, "100.00"));
		this.engine.drain();
		assertThat(this.recorder.of(id, partner.contactId())).isEmpty();

		this.fx.approve(ids);
		assertThat(this.fx.stored(id, partner.contactId())).isEqualByComparingTo("10.00");
		this.fx.refund(orderId, "40.00");
		assertThat(this.fx.stored(id, partner.contactId())).isEqualByComparingTo("6.00");
		this.fx.refund(orderId, null);
		assertThat(this.fx.stored(id, partner.contactId())).isEqualByComparingTo("0.00");

		List<RollupValueChanged> events = this.recorder.of(id, partner.contactId());
		assertThat(events).extracting(RollupValueChanged::oldValue, RollupValueChanged::newValue)
			.usingElementComparator((a, b) -> a.toString().equals(b.toString()) ? 0 : 1)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(new BigDecimal("0.00"), new BigDecimal("10.00")),
					org.assertj.core.groups.Tuple.tuple(new BigDecimal("10.00"), new BigDecimal("6.00")),
					org.assertj.core.groups.Tuple.tuple(new BigDecimal("6.00"), new BigDecimal("0.00")));
		assertThat(events).allMatch(e -> e.name().equals(name));
	}

	@Test
	void rollupsNeedTheApiKey() throws Exception {
		this.mvc.perform(get("/api/v1/rollup-fields")).andExpect(status().isUnauthorized());
	}

}
