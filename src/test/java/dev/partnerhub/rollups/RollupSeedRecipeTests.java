package dev.partnerhub.rollups;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static dev.partnerhub.orders.OrderFixtures.item;
import static dev.partnerhub.orders.OrderFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every rollup recipe of the seed "Create a partner center", defined through the API,
 * checked against values worked out by hand — on read ({@code GET
 * /api/v1/partners/{code}/rollups}) and materialised ({@code rollup_value}).
 */
@IntegrationTest
class RollupSeedRecipeTests {

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

	RollupFixtures fx;

	@BeforeEach
	void setUp() {
		this.fx = new RollupFixtures(this.programs, this.partnerService, this.contacts, this.mvc, this.jdbc,
				this.engine);
	}

	@Test
	void everySeedRecipeHasTheHandComputedValue() throws Exception {
		// 10 % one-tier program; ebook 20.00 (2.00 a sale), course 100.00 (10.00 a sale).
		ProgramSummary program = this.fx.orders.program(1, Rate.percent("10"), Rate.percent("0"));
		ProductSummary ebook = this.fx.orders.product("20.00");
		ProductSummary course = this.fx.orders.product("100.00");
		PartnerSummary jane = this.fx.partner(program, null);
		PartnerSummary idle = this.fx.partner(program, null);
		Instant now = Instant.now();
		String buyer = unique("buyer") + "@customers.example.com";
		// paid ebook sale 400 days ago, approved 2 ebooks 10 days ago, pending course 5
		// days ago, declined ebook
		// yesterday.
		List<Long> old = this.fx.order(unique("o-"), buyer, jane.code(), now.minus(Duration.ofDays(400)), false,
				item(ebook.sku(), 1, "20.00"));
		this.fx.approve(old);
		assertThat(this.fx.payAll(program)).isNotNull();
		List<Long> twoEbooks = this.fx.order(unique("o-"), buyer, jane.code(), now.minus(Duration.ofDays(10)), false,
				item(ebook.sku(), 2, "20.00"));
		this.fx.approve(twoEbooks);
		this.fx.order(unique("o-"), buyer, jane.code(), now.minus(Duration.ofDays(5)), false,
				item(course.sku(), 1, "100.00"));
		List<Long> declined = this.fx.order(unique("o-"), buyer, jane.code(), now.minus(Duration.ofDays(1)), false,
				item(ebook.sku(), 1, "20.00"));
		this.fx.decline(declined);

		String s = unique(" ");
		String contestStart = LocalDate.now(ZoneOffset.UTC).minusDays(30).toString();
		long pending = this.fx.rollup("""
				{"name": "Total pending commissions%s", "function": "sum", "relationship": "commissions_earned",
				 "field": "amount", "filter": {"match": "all", "conditions": [
				   {"field": "status", "op": "eq", "value": "pending"}]}}""".formatted(s));
		long sales = this.fx.rollup("""
				{"name": "ebook Number of Sales%s", "function": "count", "relationship": "commissions_earned",
				 "filter": {"match": "all", "conditions": [{"field": "product", "op": "eq", "value": "%s"}]}}"""
			.formatted(s, ebook.sku()));
		long contest = this.fx.rollup("""
				{"name": "Commission earned for Launch%s", "function": "sum", "relationship": "commissions_earned",
				 "field": "amount", "filter": {"match": "all", "conditions": [
				   {"field": "product", "op": "eq", "value": "%s"},
				   {"field": "dateProcessed", "op": "on_or_after", "value": "%s"}]}}""".formatted(s, ebook.sku(),
				contestStart));
		long approved = this.fx.rollup("""
				{"name": "Approved commissions%s", "function": "sum", "relationship": "commissions_earned",
				 "field": "amount", "filter": {"match": "all", "conditions": [
				   {"field": "status", "op": "eq", "value": "approved"}]}}""".formatted(s));
		long approvedPaid = this.fx.rollup("""
				{"name": "Approved and paid commissions%s", "function": "sum", "relationship": "commissions_earned",
				 "field": "amount", "filter": {"match": "any", "conditions": [
				   {"field": "status", "op": "eq", "value": "approved"},
				   {"field": "status", "op": "eq", "value": "paid"}]}}""".formatted(s));
		long lastYear = this.fx.rollup("""
				{"name": "Approved and paid in the last year%s", "function": "sum",
				 "relationship": "commissions_earned", "field": "amount", "filter": {"match": "all", "conditions": [
				   {"match": "any", "conditions": [{"field": "status", "op": "eq", "value": "paid"},
				                                   {"field": "status", "op": "eq", "value": "approved"}]},
				   {"field": "dateProcessed", "op": "within_last_days", "value": 365}]}}""".formatted(s));
		long last30 = this.fx.rollup("""
				{"name": "Paid ebook sales in 30 days%s", "function": "sum", "relationship": "commissions_earned",
				 "field": "amount", "filter": {"match": "all", "conditions": [
				   {"field": "product", "op": "eq", "value": "%s"},
				   {"field": "dateProcessed", "op": "on_or_after", "value": "30 days ago"}]}}""".formatted(s,
				ebook.sku()));

		Map<String, Object> api = this.fx.apiValues(jane.code());
		assertThat(api).containsEntry("Total pending commissions" + s, "10.00")
			.containsEntry("ebook Number of Sales" + s, 3)
			.containsEntry("Commission earned for Launch" + s, "6.00")
			.containsEntry("Approved commissions" + s, "4.00")
			.containsEntry("Approved and paid commissions" + s, "6.00")
			.containsEntry("Approved and paid in the last year" + s, "4.00")
			.containsEntry("Paid ebook sales in 30 days" + s, "6.00");
		assertThat(this.fx.stored(pending, jane.contactId())).isEqualByComparingTo("10.00");
		assertThat(this.fx.stored(sales, jane.contactId())).isEqualByComparingTo("3");
		assertThat(this.fx.stored(contest, jane.contactId())).isEqualByComparingTo("6.00");
		assertThat(this.fx.stored(approved, jane.contactId())).isEqualByComparingTo("4.00");
		assertThat(this.fx.stored(approvedPaid, jane.contactId())).isEqualByComparingTo("6.00");
		assertThat(this.fx.stored(lastYear, jane.contactId())).isEqualByComparingTo("4.00");
		assertThat(this.fx.stored(last30, jane.contactId())).isEqualByComparingTo("6.00");

		// A partner without commissions: sums "0.00", counts 0.
		Map<String, Object> none = this.fx.apiValues(idle.code());
		assertThat(none).containsEntry("Total pending commissions" + s, "0.00")
			.containsEntry("ebook Number of Sales" + s, 0);
		assertThat(this.fx.stored(pending, idle.contactId())).isEqualByComparingTo("0");

		// Approving the pending course commission moves 10.00 from pending to approved,
		// at once on read and after
		// the refresher in the table.
		List<Long> courseIds = this.jdbc.sql("select id from commission where partner_id = :p and sku = :sku")
			.param("p", jane.id())
			.param("sku", course.sku())
			.query(Long.class)
			.list();
		this.fx.approve(courseIds);
		assertThat(this.fx.apiValues(jane.code())).containsEntry("Total pending commissions" + s, "0.00")
			.containsEntry("Approved commissions" + s, "14.00");
		assertThat(this.fx.stored(pending, jane.contactId())).isEqualByComparingTo("0");
		assertThat(this.fx.stored(approved, jane.contactId())).isEqualByComparingTo("14.00");
	}

	@Test
	void aContactRemovedFromHisProgramLosesHisStoredValues() throws Exception {
		ProgramSummary program = this.fx.orders.program(1, Rate.percent("10"), Rate.percent("0"));
		PartnerSummary partner = this.fx.partner(program, null);
		long id = this.fx.rollup("""
				{"name": "%s", "function": "count", "relationship": "commissions_earned"}"""
			.formatted(unique("Removed ")));
		assertThat(this.fx.stored(id, partner.contactId())).isEqualByComparingTo("0");
		this.partnerService.remove(partner.id());
		assertThat(this.jdbc.sql("select count(*) from rollup_value where contact_id = :c")
			.param("c", partner.contactId())
			.query(Long.class)
			.single()).isZero();
		assertThat(this.fx.stored(id, partner.contactId())).isNull();
	}

	@Test
	void unknownPartnerCodeIs404Problem() throws Exception {
		this.fx.orders.get("/api/v1/partners/" + unique("nobody") + "/rollups")
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.status").value(404));
	}

	@Test
	void averagesMinimaAndMaximaOfOpenOrdersAndReferredContactCounts() throws Exception {
		ProgramSummary program = this.fx.orders.program(1, Rate.percent("10"), Rate.percent("0"));
		ProductSummary plan = this.fx.orders.product("30.00");
		ProductSummary addon = this.fx.orders.product("5.00");
		PartnerSummary partner = this.fx.partner(program, null);
		Instant now = Instant.now();
		// Two open (recurring) orders: 30.00 and 35.00 (plan + addon); one completed
		// order of 30.00.
		this.fx.order(unique("o-"), unique("a") + "@customers.example.com", partner.code(), now, true,
				item(plan.sku(), 1, "30.00"));
		this.fx.order(unique("o-"), unique("b") + "@customers.example.com", partner.code(), now, true,
				item(plan.sku(), 1, "30.00") + "," + item(addon.sku(), 1, "5.00"));
		this.fx.order(unique("o-"), unique("c") + "@customers.example.com", partner.code(), now, false,
				item(plan.sku(), 1, "30.00"));
		String s = unique(" ");
		this.fx.rollup("""
				{"name": "Open avg%s", "function": "avg", "relationship": "active_referred_open_orders",
				 "field": "total"}""".formatted(s));
		this.fx.rollup("""
				{"name": "Open max addon%s", "function": "max", "relationship": "active_referred_open_orders",
				 "field": "total", "filter": {"match": "all", "conditions": [
				   {"field": "product", "op": "eq", "value": "%s"}]}}""".formatted(s, addon.sku()));
		this.fx.rollup("""
				{"name": "Open min without addon%s", "function": "min", "relationship": "active_referred_open_orders",
				 "field": "total", "filter": {"match": "all", "conditions": [
				   {"field": "product", "op": "ne", "value": "%s"}]}}""".formatted(s, addon.sku()));
		this.fx.rollup("""
				{"name": "Referred last%s", "function": "count", "relationship": "referred_contacts_last"}"""
			.formatted(s));
		this.fx.rollup("""
				{"name": "Commission min over 100%s", "function": "min", "relationship": "commissions_earned",
				 "field": "amount", "filter": {"match": "all", "conditions": [
				   {"field": "amount", "op": "gt", "value": "100"}]}}""".formatted(s));

		Map<String, Object> api = this.fx.apiValues(partner.code());
		assertThat(api).containsEntry("Open avg" + s, "32.50")
			.containsEntry("Open max addon" + s, "35.00")
			.containsEntry("Open min without addon" + s, "30.00")
			.containsEntry("Referred last" + s, 3)
			.containsEntry("Commission min over 100" + s, null);
	}

}
