package dev.partnerhub.rollups;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.rollups.domain.ContestDraft;
import dev.partnerhub.rollups.domain.ContestPrizes;
import dev.partnerhub.rollups.domain.ContestService;
import dev.partnerhub.rollups.domain.RollupEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static dev.partnerhub.orders.OrderFixtures.item;
import static dev.partnerhub.orders.OrderFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Contest prizes (issue 19): awarded as bonuses once the contest has ended, one bonus per
 * place whatever the number of runs, their concurrency or a crash in between.
 */
@IntegrationTest
class ContestPrizeTests {

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

	@Autowired
	ContestPrizes prizes;

	RollupFixtures fx;

	ProgramSummary program;

	PartnerSummary x;

	PartnerSummary y;

	PartnerSummary z;

	Contest contest;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = new RollupFixtures(this.programs, this.partnerService, this.contacts, this.mvc, this.jdbc,
				this.engine);
		this.program = this.fx.orders.program(1, Rate.percent("10"), Rate.percent("0"));
		ProductSummary a = this.fx.orders.product("100.00");
		this.x = this.fx.partner(this.program, null);
		this.y = this.fx.partner(this.program, null);
		this.z = this.fx.partner(this.program, null);
		Instant fiveDaysAgo = Instant.now().minus(Duration.ofDays(5));
		sale(this.x, a, 3, fiveDaysAgo);
		sale(this.y, a, 4, fiveDaysAgo);
		LocalDate today = this.contestService.today();
		this.contest = this.contestService.create(new ContestDraft(unique("Prize contest "), this.program.id(),
				List.of(a.sku()), today.minusDays(10), today.minusDays(1), true, "amount", null));
		long rollup = this.jdbc.sql("select rollup_field_id from contest where id = :id")
			.param("id", this.contest.id())
			.query(Long.class)
			.single();
		this.fx.awaitRecompute(rollup);
		this.engine.drain();
	}

	private void sale(PartnerSummary partner, ProductSummary product, int units, Instant at) throws Exception {
		this.fx.order(unique("pz-"), unique("buyer") + "@customers.example.com", partner.code(), at, false,
				item(product.sku(), units, product.price().toPlainString()));
	}

	private List<Object[]> bonuses() {
		return this.jdbc.sql("""
				select bonus_key, partner_id, amount, kind, tier, status from commission
				where bonus_key like :prefix order by bonus_key
				""")
			.param("prefix", "contest:" + this.contest.id() + ":rank:%")
			.query((rs,
					n) -> new Object[] { rs.getString(1), rs.getLong(2), rs.getBigDecimal(3).toPlainString(),
							rs.getString(4), rs.getInt(5), rs.getString(6) })
			.list();
	}

	private void setPrizes(String json) throws Exception {
		this.mvc
			.perform(put("/api/v1/contests/" + this.contest.id() + "/prizes")
				.header("Authorization", IntegrationTest.BEARER)
				.contentType("application/json")
				.content(json))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.prizes[0]").value("100.00"));
	}

	@Test
	void anEndedContestAwardsOneBonusPerPlaceAcrossRepeatedAndConcurrentRuns() throws Exception {
		setPrizes("{\"prizes\": [\"100.00\", \"50.00\", \"25.00\"]}");
		int threads = 4;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Integer>> runs = new ArrayList<>();
		int created = 0;
		try {
			for (int i = 0; i < threads; i++) {
				runs.add(pool.submit(() -> {
					start.await();
					return this.prizes.awardEnded();
				}));
			}
			start.countDown();
			for (Future<Integer> run : runs) {
				created += run.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		created += this.prizes.awardEnded();
		// y sold 400.00 (place 1), x 300.00 (place 2); z sold nothing: no third prize
		assertThat(created).isEqualTo(2);
		List<Object[]> bonuses = bonuses();
		assertThat(bonuses).hasSize(2);
		assertThat(bonuses.get(0)).containsExactly("contest:" + this.contest.id() + ":rank:1", this.y.id(), "100.00",
				"bonus", 1, "pending");
		assertThat(bonuses.get(1)).containsExactly("contest:" + this.contest.id() + ":rank:2", this.x.id(), "50.00",
				"bonus", 1, "pending");
		assertThat(this.jdbc.sql("select prizes_awarded_at is not null from contest where id = :id")
			.param("id", this.contest.id())
			.query(Boolean.class)
			.single()).isTrue();
		// the prizes cannot change any more
		this.mvc
			.perform(put("/api/v1/contests/" + this.contest.id() + "/prizes")
				.header("Authorization", IntegrationTest.BEARER)
				.contentType("application/json")
				.content("{\"prizes\": [\"1.00\"]}"))
			.andExpect(status().isConflict());
	}

	@Test
	void aRunAfterACrashFinishesWithTheSameWinnersAndNoSecondBonus() throws Exception {
		setPrizes("{\"prizes\": [\"100.00\", \"50.00\"]}");
		assertThat(this.prizes.awardEnded()).isEqualTo(2);
		// as if the instance died after the bonuses committed but before they were
		// recorded on the awards and the contest was marked awarded
		this.jdbc.sql("update contest_award set commission_id = null where contest_id = :id and place = 2")
			.param("id", this.contest.id())
			.update();
		this.jdbc.sql("update contest set prizes_awarded_at = null where id = :id")
			.param("id", this.contest.id())
			.update();
		// meanwhile the standings changed: the winners were fixed at the first run
		this.jdbc.sql("delete from contest_award where contest_id = :id and place = 1")
			.param("id", this.contest.id())
			.update();
		this.jdbc.sql("""
				insert into contest_award (contest_id, place, partner_id, value, amount)
				values (:id, 1, :partner, 400.00, 100.00)
				""").param("id", this.contest.id()).param("partner", this.y.id()).update();
		assertThat(this.prizes.awardEnded()).isZero();
		assertThat(bonuses()).hasSize(2);
		assertThat(this.prizes.awardsOf(this.contest.id())).allSatisfy(a -> assertThat(a.commissionId()).isNotNull());
		assertThat(this.prizes.awardEnded()).isZero();
	}

	@Test
	void aRunningContestAwardsNothingAndBadPrizesAreRefused() throws Exception {
		LocalDate today = this.contestService.today();
		Contest running = this.contestService.create(new ContestDraft(unique("Running "), this.program.id(),
				this.contest.skus(), today.minusDays(1), today, true, "amount", null));
		this.prizes.setPrizes(running.id(), List.of("10.00"));
		this.prizes.awardEnded();
		assertThat(this.prizes.awardsOf(running.id())).isEmpty();
		for (String bad : List.of("[\"-1.00\"]", "[\"0.00\"]", "[\"1e3\"]", "[\"abc\"]")) {
			this.mvc
				.perform(put("/api/v1/contests/" + running.id() + "/prizes")
					.header("Authorization", IntegrationTest.BEARER)
					.contentType("application/json")
					.content("{\"prizes\": " + bad + "}"))
				.andExpect(status().isBadRequest());
		}
	}

}
