package dev.partnerhub.rollups;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
import dev.partnerhub.rollups.domain.ContestDraft;
import dev.partnerhub.rollups.domain.ContestService;
import dev.partnerhub.rollups.domain.RollupEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static dev.partnerhub.orders.OrderFixtures.item;
import static dev.partnerhub.orders.OrderFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Contests that create their own rollup, against hand-computed standings. 10 % program;
 * products A and B at 100.00 (10.00 a unit), C at 50.00. Contest window: from 10 days
 * ago, products A and B.
 * <ul>
 * <li>x: A×2 20 days ago (before the start: not counted), A×1 5 days ago (10.00), C×3
 * today (other product), B×2 today (20.00) → 30.00, 2 sales;</li>
 * <li>y: B×4 2 days ago (40.00), A×1 today declined (not counted) → 40.00, 1 sale;</li>
 * <li>z: nothing → 0.00.</li>
 * </ul>
 */
@IntegrationTest
class ContestTests {

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
	ContestService contestService;

	RollupFixtures fx;

	ProgramSummary program;

	ProductSummary a;

	ProductSummary b;

	PartnerSummary x;

	PartnerSummary y;

	PartnerSummary z;

	final LocalDate today = LocalDate.now(ZoneOffset.UTC);

	@BeforeEach
	void setUp() throws Exception {
		this.fx = new RollupFixtures(this.programs, this.partnerService, this.contacts, this.mvc, this.jdbc,
				this.engine);
		this.program = this.fx.orders.program(1, Rate.percent("10"), Rate.percent("0"));
		this.a = this.fx.orders.product("100.00");
		this.b = this.fx.orders.product("100.00");
		ProductSummary c = this.fx.orders.product("50.00");
		this.x = this.fx.partner(this.program, null);
		this.y = this.fx.partner(this.program, null);
		this.z = this.fx.partner(this.program, null);
		Instant now = Instant.now();
		sale(this.x, this.a, 2, now.minus(Duration.ofDays(20)));
		sale(this.x, this.a, 1, now.minus(Duration.ofDays(5)));
		sale(this.x, c, 3, now);
		sale(this.x, this.b, 2, now);
		sale(this.y, this.b, 4, now.minus(Duration.ofDays(2)));
		this.fx.decline(sale(this.y, this.a, 1, now));
	}

	private List<Long> sale(PartnerSummary partner, ProductSummary product, int units, Instant at) throws Exception {
		return this.fx.order(unique("ct-"), unique("buyer") + "@customers.example.com", partner.code(), at, false,
				item(product.sku(), units, product.price().toPlainString()));
	}

	private long rollupOf(long contestId) throws Exception {
		long rollup = this.jdbc.sql("select rollup_field_id from contest where id = :id")
			.param("id", contestId)
			.query(Long.class)
			.single();
		this.fx.awaitRecompute(rollup);
		this.engine.drain();
		return rollup;
	}

	@Test
	void aContestWithItsOwnRollupRanksSalesOfItsProductsSinceTheStart() throws Exception {
		String name = unique("Spring launch ");
		MvcResult created = this.fx
			.post("/api/v1/contests",
					"""
							{"name": "%s", "program": "%s", "products": ["%s", "%s"], "startsOn": "%s"}"""
						.formatted(name, this.program.name(), this.a.sku(), this.b.sku(), this.today.minusDays(10)))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("running"))
			.andExpect(jsonPath("$.endsOn").doesNotExist())
			.andExpect(jsonPath("$.rollup").value("Contest: " + name))
			.andReturn();
		long id = ((Number) JsonPath.read(created.getResponse().getContentAsString(), "$.id")).longValue();
		rollupOf(id);
		this.fx.orders.get("/api/v1/contests/" + id + "/standings?partner=" + this.x.code())
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(3))
			.andExpect(jsonPath("$.items[0].partnerCode").value(this.y.code()))
			.andExpect(jsonPath("$.items[0].rank").value(1))
			.andExpect(jsonPath("$.items[0].value").value("40.00"))
			.andExpect(jsonPath("$.items[1].partnerCode").value(this.x.code()))
			.andExpect(jsonPath("$.items[1].value").value("30.00"))
			.andExpect(jsonPath("$.items[2].partnerCode").value(this.z.code()))
			.andExpect(jsonPath("$.items[2].value").value("0.00"))
			.andExpect(jsonPath("$.you.rank").value(2));
		// the partner center's Java API
		assertThat(this.contestService.ofProgram(this.program.id())).extracting(Contest::name).containsExactly(name);
		assertThat(this.contestService.rankOf(id, this.z.id())).hasValueSatisfying(e -> {
			assertThat(e.rank()).isEqualTo(3);
			assertThat(e.json()).isEqualTo("0.00");
		});
		// a new sale inside the window moves x ahead
		sale(this.x, this.b, 2, Instant.now());
		this.engine.drain();
		assertThat(this.contestService.standings(id, 0, 10)).extracting(LeaderboardEntry::partnerId)
			.containsExactly(this.x.id(), this.y.id(), this.z.id());
		// deleting the contest deletes the rollup it created
		long rollup = this.jdbc.sql("select rollup_field_id from contest where id = :id")
			.param("id", id)
			.query(Long.class)
			.single();
		this.mvc
			.perform(
					org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete("/api/v1/contests/" + id)
						.header("Authorization", IntegrationTest.BEARER))
			.andExpect(status().isNoContent());
		assertThat(this.jdbc.sql("select count(*) from rollup_field where id = :id")
			.param("id", rollup)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void anEndedContestCountsOnlyItsWindowAndCountsSales() throws Exception {
		Contest ended = this.contestService.create(new ContestDraft(unique("Winter "), this.program.id(),
				List.of(this.a.sku().toLowerCase(), this.b.sku()), this.today.minusDays(30), this.today.minusDays(3),
				true, "amount", null));
		assertThat(ended.status(this.today)).isEqualTo("ended");
		assertThat(ended.skus()).containsExactly(this.a.sku(), this.b.sku());
		rollupOf(ended.id());
		// x: A×2 (20 days ago) + A×1 (5 days ago) = 30.00; y's sale 2 days ago is after
		// the end.
		assertThat(this.contestService.standings(ended.id(), 0, 10)).extracting(LeaderboardEntry::json)
			.containsExactly("30.00", "0.00", "0.00");
		assertThat(this.contestService.standings(ended.id(), 0, 10)).extracting(LeaderboardEntry::rank)
			.containsExactly(1L, 2L, 2L);

		Contest sales = this.contestService.create(new ContestDraft(unique("Sales "), this.program.id(),
				List.of(this.a.sku(), this.b.sku()), this.today.minusDays(10), null, true, "count", null));
		rollupOf(sales.id());
		assertThat(this.contestService.standings(sales.id(), 0, 10)).extracting(LeaderboardEntry::json)
			.containsExactly(2L, 1L, 0L);
		Contest upcoming = this.contestService.create(new ContestDraft(unique("Later "), this.program.id(),
				List.of(this.a.sku()), this.today.plusDays(3), null, false, null, sales.rollupFieldId()));
		assertThat(upcoming.status(this.today)).isEqualTo("upcoming");
		assertThat(upcoming.ownsRollup()).isFalse();
	}

	@Test
	void badContestsAreRejectedWithClearMessages() throws Exception {
		String base = """
				{"name": "%s", "program": "%s", "products": [%s], "startsOn": "%s", "endsOn": %s}""";
		String name = unique("Bad ");
		this.fx
			.post("/api/v1/contests",
					base.formatted(name, this.program.name(), "\"" + this.a.sku() + "\"", this.today,
							"\"" + this.today.minusDays(1) + "\""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("endsOn: the end date must not be before the start")));
		this.fx
			.post("/api/v1/contests",
					base.formatted(name, this.program.name(), "\"NOPE-" + unique("") + "\"", this.today, "null"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("products: unknown product")));
		this.fx.post("/api/v1/contests", base.formatted(name, this.program.name(), "", this.today, "null"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("products: pick at least one product")));
		this.fx
			.post("/api/v1/contests",
					base.formatted(name, this.program.name(), "\"" + this.a.sku() + "\"", "31.12.2026", "null"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("startsOn: '31.12.2026' is not a date")));
		this.fx
			.post("/api/v1/contests",
					base.formatted(" ", this.program.name(), "\"" + this.a.sku() + "\"", this.today, "null"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("name: a name is required")));
		String body = """
				{"name": "%s", "program": "%s", "products": ["%s"], "startsOn": "%s", "measure": "median"}"""
			.formatted(name, this.program.name(), this.a.sku(), this.today);
		this.fx.post("/api/v1/contests", body)
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("measure")));
		this.fx
			.post("/api/v1/contests",
					"""
							{"name": "%s", "program": "%s", "products": ["%s"], "startsOn": "%s", "colour": "red"}"""
						.formatted(name, this.program.name(), this.a.sku(), this.today))
			.andExpect(status().isBadRequest());
		this.fx
			.post("/api/v1/contests",
					base.formatted(name, this.program.name(), "\"" + this.a.sku() + "\"", this.today, "null"))
			.andExpect(status().isCreated());
		this.fx
			.post("/api/v1/contests",
					base.formatted(name.toUpperCase(), this.program.name(), "\"" + this.a.sku() + "\"", this.today,
							"null"))
			.andExpect(status().isConflict());
		this.fx.orders.get("/api/v1/contests/999999999/standings").andExpect(status().isNotFound());
	}

	@Test
	void consoleCreatesAContestAndShowsAndExportsItsStandings() throws Exception {
		var admin = user("admin@test.local").roles("ADMIN");
		String name = unique("Console contest ");
		MvcResult created = this.mvc
			.perform(post("/admin/contests/new").with(admin)
				.with(csrf())
				.param("name", name)
				.param("programId", String.valueOf(this.program.id()))
				.param("skus", this.a.sku(), this.b.sku())
				.param("startsOn", this.today.minusDays(10).toString())
				.param("rollupMode", "create")
				.param("measure", "amount"))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		String location = created.getResponse().getRedirectedUrl();
		long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		rollupOf(id);
		this.mvc.perform(get("/admin/contests/" + id).with(admin))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(this.y.code())))
			.andExpect(content().string(containsString("40.00")))
			.andExpect(content().string(containsString("running")));
		this.mvc.perform(get("/admin/contests/" + id + "/standings.csv").with(admin))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Disposition", containsString("standings.csv")))
			.andExpect(content().string("rank,partner code,name,value\r\n" + "1," + this.y.code() + ",Pat "
					+ this.y.code() + ",40.00\r\n" + "2," + this.x.code() + ",Pat " + this.x.code() + ",30.00\r\n"
					+ "3," + this.z.code() + ",Pat " + this.z.code() + ",0.00\r\n"));
		this.mvc.perform(get("/admin/contests").with(admin))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(name)));
		this.mvc
			.perform(get("/admin/leaderboards").with(admin)
				.param("rollup", "Contest: " + name)
				.param("program", String.valueOf(this.program.id())))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(this.x.code())));
		// validation messages on the form
		this.mvc
			.perform(post("/admin/contests/new").with(admin)
				.with(csrf())
				.param("name", unique("Broken "))
				.param("programId", String.valueOf(this.program.id()))
				.param("startsOn", "not a date")
				.param("rollupMode", "create"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("contestForm", "startsOn"))
			.andExpect(content().string(containsString("Enter a date such as 2026-01-31.")));
		this.mvc
			.perform(post("/admin/contests/new").with(admin)
				.with(csrf())
				.param("name", unique("Broken "))
				.param("programId", String.valueOf(this.program.id()))
				.param("startsOn", this.today.toString())
				.param("rollupMode", "create"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("products: pick at least one product")));
		this.mvc.perform(get("/admin/contests/999999999").with(admin)).andExpect(status().isNotFound());
		// delete from the console
		this.mvc.perform(post("/admin/contests/" + id + "/delete").with(admin).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(this.contestService.find(id)).isEmpty();
	}

	@Test
	void aSaveOverAnotherAdminsChangeIsRefusedBeforeTheRollupIsTouched() throws Exception {
		var admin = user("admin@test.local").roles("ADMIN");
		Contest contest = this.contestService.create(new ContestDraft(unique("Stale contest "), this.program.id(),
				List.of(this.a.sku()), this.today.minusDays(3), null, true, "amount", null));
		long rollup = rollupOf(contest.id());
		String rollupName = this.jdbc.sql("select name from rollup_field where id = :id")
			.param("id", rollup)
			.query(String.class)
			.single();
		this.mvc.perform(get("/admin/contests/" + contest.id() + "/edit").with(admin))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("name=\"version\" value=\"" + contest.version() + "\"")));
		// another admin saves first
		this.contestService.update(contest.id(), new ContestDraft(contest.name(), this.program.id(),
				List.of(this.a.sku(), this.b.sku()), this.today.minusDays(3), null, true, "amount", null),
				contest.version());
		String definition = this.jdbc.sql("select filter::text from rollup_field where id = :id")
			.param("id", rollup)
			.query(String.class)
			.single();
		this.mvc
			.perform(post("/admin/contests/" + contest.id() + "/edit").with(admin)
				.with(csrf())
				.param("version", String.valueOf(contest.version()))
				.param("name", contest.name())
				.param("programId", String.valueOf(this.program.id()))
				.param("skus", this.b.sku())
				.param("startsOn", this.today.minusDays(1).toString())
				.param("rollupMode", "create")
				.param("measure", "count"))
			.andExpect(status().isConflict())
			.andExpect(content().string(containsString("Someone else saved this contest meanwhile")));
		Contest stored = this.contestService.get(contest.id());
		assertThat(stored.skus()).containsExactly(this.a.sku(), this.b.sku());
		assertThat(stored.startsOn()).isEqualTo(this.today.minusDays(3));
		assertThat(stored.version()).isEqualTo(contest.version() + 1);
		// the contest's rollup kept the other admin's definition
		assertThat(this.jdbc.sql("select filter::text from rollup_field where id = :id")
			.param("id", rollup)
			.query(String.class)
			.single()).isEqualTo(definition);
		assertThat(stored.rollupName()).isEqualTo(rollupName);
	}

}
