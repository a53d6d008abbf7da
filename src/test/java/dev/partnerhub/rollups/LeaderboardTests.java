package dev.partnerhub.rollups;

import java.time.Instant;
import java.util.List;
import java.time.Duration;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.partners.PartnerStatus;
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
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Leaderboards over a program with hand-made values: 50, 30, 30, 30, 10, 0 (plus a
 * suspended partner with 100 and a partner of another program with 100, both left out).
 */
@IntegrationTest
class LeaderboardTests {

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
	Leaderboards leaderboards;

	RollupFixtures fx;

	ProgramSummary program;

	List<PartnerSummary> p;

	String rollupName;

	long rollupId;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = new RollupFixtures(this.programs, this.partnerService, this.contacts, this.mvc, this.jdbc,
				this.engine);
		// 10 % of 100.00 = 10.00 a unit.
		this.program = this.fx.orders.program(1, Rate.percent("10"), Rate.percent("0"));
		ProgramSummary other = this.fx.orders.program(1, Rate.percent("10"), Rate.percent("0"));
		ProductSummary product = this.fx.orders.product("100.00");
		this.p = List.of(this.fx.partner(this.program, null), this.fx.partner(this.program, null),
				this.fx.partner(this.program, null), this.fx.partner(this.program, null),
				this.fx.partner(this.program, null), this.fx.partner(this.program, null));
		PartnerSummary suspended = this.fx.partner(this.program, null);
		PartnerSummary elsewhere = this.fx.partner(other, null);
		int[] units = { 5, 3, 3, 3, 1, 0 };
		for (int i = 0; i < units.length; i++) {
			if (units[i] > 0) {
				sale(this.p.get(i), product, units[i]);
			}
		}
		sale(suspended, product, 10);
		sale(elsewhere, product, 10);
		this.partnerService.changeStatus(suspended.id(), PartnerStatus.SUSPENDED);
		this.rollupName = "Leaderboard sales" + unique(" ");
		this.rollupId = this.fx.rollup("""
				{"name": "%s", "function": "sum", "relationship": "commissions_earned", "field": "amount",
				 "filter": {"match": "all", "conditions": [{"field": "product", "op": "eq", "value": "%s"}]}}"""
			.formatted(this.rollupName, product.sku()));
		this.engine.drain();
	}

	private void sale(PartnerSummary partner, ProductSummary product, int units) throws Exception {
		this.fx.order(unique("lb-"), unique("buyer") + "@customers.example.com", partner.code(), Instant.now(), false,
				item(product.sku(), units, "100.00"));
	}

	private String url(String extra) {
		return "/api/v1/leaderboard?rollup=" + this.rollupName + "&program=" + this.program.name() + extra;
	}

	@Test
	void tiesShareARankAndTheNextRankSkips() throws Exception {
		this.fx.orders.get(url(""))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(6))
			.andExpect(jsonPath("$[0].rank").value(1))
			.andExpect(jsonPath("$[0].partnerCode").value(this.p.get(0).code()))
			.andExpect(jsonPath("$[0].name").value("Pat " + this.p.get(0).code()))
			.andExpect(jsonPath("$[0].value").value("50.00"))
			.andExpect(jsonPath("$[1].rank").value(2))
			.andExpect(jsonPath("$[2].rank").value(2))
			.andExpect(jsonPath("$[3].rank").value(2))
			// inside the tie: earlier partner first
			.andExpect(jsonPath("$[1].partnerCode").value(this.p.get(1).code()))
			.andExpect(jsonPath("$[2].partnerCode").value(this.p.get(2).code()))
			.andExpect(jsonPath("$[3].partnerCode").value(this.p.get(3).code()))
			.andExpect(jsonPath("$[3].value").value("30.00"))
			.andExpect(jsonPath("$[4].rank").value(5))
			.andExpect(jsonPath("$[4].value").value("10.00"))
			.andExpect(jsonPath("$[5].rank").value(6))
			.andExpect(jsonPath("$[5].value").value("0.00"))
			.andExpect(jsonPath("$[0].you").doesNotExist());
	}

	@Test
	void aPageInTheMiddleKeepsTheWholeBoardsRanks() {
		List<LeaderboardEntry> page = this.leaderboards.page(this.rollupId, this.program.id(), 2, 3);
		assertThat(page).extracting(LeaderboardEntry::rank).containsExactly(2L, 2L, 5L);
		assertThat(page).extracting(LeaderboardEntry::partnerId)
			.containsExactly(this.p.get(2).id(), this.p.get(3).id(), this.p.get(4).id());
		assertThat(this.leaderboards.size(this.rollupId, this.program.id())).isEqualTo(6);
	}

	@Test
	void ownRankOutsideTheTopIsAppendedAsTheLastElement() throws Exception {
		this.fx.orders.get(url("&limit=2&partner=" + this.p.get(4).code()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(3))
			.andExpect(jsonPath("$[0].you").value(false))
			.andExpect(jsonPath("$[1].rank").value(2))
			.andExpect(jsonPath("$[2].partnerCode").value(this.p.get(4).code()))
			.andExpect(jsonPath("$[2].rank").value(5))
			.andExpect(jsonPath("$[2].value").value("10.00"))
			.andExpect(jsonPath("$[2].you").value(true));
		// inside the top: flagged, not repeated
		this.fx.orders.get(url("&limit=3&partner=" + this.p.get(2).code()))
			.andExpect(jsonPath("$.length()").value(3))
			.andExpect(jsonPath("$[2].you").value(true))
			.andExpect(jsonPath("$[2].rank").value(2));
		this.fx.orders
			.get("/api/v1/leaderboard/rank?rollup=" + this.rollupName + "&program=" + this.program.name() + "&partner="
					+ this.p.get(3).code())
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.rank").value(2))
			.andExpect(jsonPath("$.value").value("30.00"))
			.andExpect(jsonPath("$.of").value(6));
		assertThat(this.leaderboards.rankOf(this.rollupId, this.program.id(), this.p.get(5).id()))
			.hasValueSatisfying(e -> assertThat(e.rank()).isEqualTo(6));
	}

	@Test
	void suspendedPartnersAndOtherProgramsAreLeftOut() throws Exception {
		String body = this.fx.orders.get(url("&limit=500")).andReturn().getResponse().getContentAsString();
		assertThat(body).doesNotContain("100.00");
		PartnerSummary suspended = this.partnerService
			.findByContactId(this.jdbc
				.sql("select p.contact_id from partner p where p.program_id = :g and p.status = 'suspended'")
				.param("g", this.program.id())
				.query(Long.class)
				.single())
			.orElseThrow();
		assertThat(this.leaderboards.rankOf(this.rollupId, this.program.id(), suspended.id())).isEmpty();
		this.fx.orders
			.get("/api/v1/leaderboard/rank?rollup=" + this.rollupName + "&program=" + this.program.name() + "&partner="
					+ suspended.code())
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		// his own entry is not appended either
		this.fx.orders.get(url("&limit=1&partner=" + suspended.code())).andExpect(jsonPath("$.length()").value(1));
	}

	@Test
	void valueChangesShowAtOnceAfterTheRefreshAndStatusChangesWithinASecond() throws Exception {
		assertThat(this.leaderboards.top(this.rollupId, this.program.id(), 1)).extracting(LeaderboardEntry::partnerId)
			.containsExactly(this.p.get(0).id());
		// p5 (10.00) sells 5 more units: 60.00, first — as soon as the refresher has
		// written the value
		ProductSummary product = this.programs
			.findProductBySku(this.jdbc.sql("select filter->'conditions'->0->>'value' from rollup_field where id = :id")
				.param("id", this.rollupId)
				.query(String.class)
				.single())
			.orElseThrow();
		sale(this.p.get(4), product, 5);
		this.engine.drain();
		assertThat(this.leaderboards.top(this.rollupId, this.program.id(), 2)).extracting(LeaderboardEntry::partnerId)
			.containsExactly(this.p.get(4).id(), this.p.get(0).id());
		// a suspension is not a value change: the board is reloaded in the background
		// within about a second
		this.partnerService.changeStatus(this.p.get(4).id(), PartnerStatus.SUSPENDED);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(
					() -> assertThat(this.leaderboards.rankOf(this.rollupId, this.program.id(), this.p.get(4).id()))
						.isEmpty());
		assertThat(this.leaderboards.top(this.rollupId, this.program.id(), 1)).extracting(LeaderboardEntry::partnerId)
			.containsExactly(this.p.get(0).id());
	}

	@Test
	void aFieldWithoutValuesYetHasAnEmptyBoard() throws Exception {
		String name = "Leaderboard empty" + unique(" ");
		long id = this.fx.rollup("""
				{"name": "%s", "function": "count", "relationship": "commissions_earned"}""".formatted(name));
		// as right after creation, before the background recompute has written anything
		this.jdbc.sql("delete from rollup_value where rollup_field_id = :id").param("id", id).update();
		assertThat(this.leaderboards.top(id, this.program.id(), 50)).isEmpty();
		assertThat(this.leaderboards.size(id, this.program.id())).isZero();
		assertThat(this.leaderboards.rankOf(id, this.program.id(), this.p.get(0).id())).isEmpty();
		this.fx.orders.get("/api/v1/leaderboard?rollup=" + name + "&program=" + this.program.name())
			.andExpect(status().isOk())
			.andExpect(content().json("[]"));
	}

	@Test
	void countsAreIntegers() throws Exception {
		String count = "Leaderboard count" + unique(" ");
		this.fx.rollup("""
				{"name": "%s", "function": "count", "relationship": "commissions_earned"}""".formatted(count));
		this.fx.orders.get("/api/v1/leaderboard?rollup=" + count + "&program=" + this.program.name())
			.andExpect(jsonPath("$[0].value").value(1))
			.andExpect(jsonPath("$[0].rank").value(1))
			.andExpect(jsonPath("$[4].value").value(1))
			.andExpect(jsonPath("$[5].value").value(0))
			.andExpect(jsonPath("$[5].rank").value(6));
	}

	@Test
	void badParametersAreProblems() throws Exception {
		for (String limit : List.of("0", "501", "abc", "-3")) {
			this.fx.orders.get(url("&limit=" + limit))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
				.andExpect(jsonPath("$.detail", containsString("limit")));
		}
		this.fx.orders.get("/api/v1/leaderboard?rollup=" + unique("none") + "&program=" + this.program.name())
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail", containsString("No rollup field named")));
		this.fx.orders.get("/api/v1/leaderboard?rollup=" + this.rollupName + "&program=" + unique("none"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail", containsString("No program named")));
		this.fx.orders.get("/api/v1/leaderboard?program=" + this.program.name())
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("rollup")));
		this.fx.orders.get(url("&partner=" + unique("nobody"))).andExpect(status().isNotFound());
		this.mvc.perform(get(url(""))).andExpect(status().isUnauthorized());
	}

}
