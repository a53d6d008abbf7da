package dev.partnerhub.commissions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.commissions.CommissionSeeds.Seeded;
import dev.partnerhub.commissions.domain.CommissionTotals;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.test.web.servlet.MockMvc;

import static dev.partnerhub.orders.OrderFixtures.item;
import static dev.partnerhub.orders.OrderFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The totals the dashboard and the payout preview read ({@code commission_day_summary},
 * {@code commission_partner_balance}, kept by statement triggers and folded by
 * {@link CommissionTotals}) never drift from the commissions: compared with a GROUP BY
 * over the commission table after random changes, with and without folding, and under
 * writers and folding in parallel threads.
 */
@IntegrationTest
class CommissionTotalsTests {

	private static final String[] STATUSES = { "pending", "approved", "declined", "paid", "refunded" };

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
	CommissionTotals totals;

	CommissionSeeds seeds;

	@BeforeEach
	void seeds() {
		this.seeds = new CommissionSeeds(this.programs, this.partners, this.contacts, this.mvc, this.jdbc);
	}

	@Test
	void totalsEqualTheCommissionsAfterRandomChanges() throws Exception {
		ProgramSummary a = this.seeds.program(null);
		ProgramSummary b = this.seeds.program(null);
		Instant now = Instant.now();
		List<Seeded> seeded = List.of(this.seeds.seed(a, 40, now.minus(Duration.ofDays(3))),
				this.seeds.seed(a, 30, now.minus(Duration.ofDays(40))), this.seeds.seed(b, 30, now));
		List<Long> ids = new ArrayList<>();
		seeded.forEach(s -> ids.addAll(s.ids()));
		List<Long> programIds = List.of(a.id(), b.id());
		List<Long> partnerIds = seeded.stream().map(s -> s.partner().id()).toList();
		assertAgree(programIds, partnerIds);

		Random random = new Random(20261205L);
		for (int step = 0; step < 60; step++) {
			List<Long> some = ids.stream().filter(id -> random.nextInt(4) == 0).toList();
			switch (random.nextInt(4)) {
				case 0 -> this.seeds.setStatus(some, STATUSES[random.nextInt(STATUSES.length)]);
				case 1 -> this.jdbc.sql("update commission set amount = amount + :delta where id = any(:ids)")
					.param("delta", new java.math.BigDecimal(1 + random.nextInt(300)).movePointLeft(2))
					.param("ids", new SqlArrayValue("bigint", some.toArray()))
					.update();
				case 2 -> this.jdbc
					.sql("update commission set transaction_date = transaction_date + make_interval(hours => :h)"
							+ " where id = any(:ids)")
					.param("h", random.nextInt(24 * 10) - 24 * 5)
					.param("ids", new SqlArrayValue("bigint", some.toArray()))
					.update();
				default -> this.jdbc.sql("update commission set reason = :reason where id = any(:ids)")
					.param("reason", "note " + step)
					.param("ids", new SqlArrayValue("bigint", some.toArray()))
					.update();
			}
			if (random.nextInt(5) == 0) {
				this.totals.compact();
			}
			if (step % 15 == 0) {
				assertAgree(programIds, partnerIds);
			}
		}
		List<Long> deleted = ids.subList(0, 5);
		this.jdbc.sql("delete from commission where id = any(:ids)")
			.param("ids", new SqlArrayValue("bigint", deleted.toArray()))
			.update();
		assertAgree(programIds, partnerIds);
		this.totals.compact();
		assertAgree(programIds, partnerIds);
	}

	/**
	 * A partner moved to another program keeps his past commissions in the program they
	 * were earned in; what he earns afterwards counts in the new one.
	 */
	@Test
	void aMovedPartnerKeepsHisPastCommissionsInTheirProgram() throws Exception {
		ProgramSummary a = this.seeds.program(null);
		ProgramSummary b = this.seeds.program(null);
		Seeded s = this.seeds.seed(a, 3, Instant.now());
		this.partners.changeProgram(s.partner().id(), b.id());
		this.seeds.fixtures()
			.postOrder("""
					{"orderId": "%s", "email": "%s", "referral": "%s", "currency": "USD",
					 "items": [%s]}
					""".formatted(unique("o-"), unique("buyer") + "@customers.example.com", s.partner().code(),
					item(this.seeds.fixtures().product("20.00").sku(), 1, "20.00")))
			.andExpect(status().isCreated());
		assertThat(this.jdbc.sql("""
				select program_id, count(*) from commission where partner_id = :partner group by program_id
				""").param("partner", s.partner().id()).query((rs, n) -> rs.getLong(1) + ":" + rs.getLong(2)).list())
			.containsExactlyInAnyOrder(a.id() + ":3", b.id() + ":1");
		assertAgree(List.of(a.id(), b.id()), List.of(s.partner().id()));
	}

	@Test
	void parallelWritersAndFoldingLoseNothing() throws Exception {
		ProgramSummary program = this.seeds.program(null);
		List<Seeded> seeded = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			seeded.add(this.seeds.seed(program, 50, Instant.now().minus(Duration.ofDays(i))));
		}
		AtomicBoolean writing = new AtomicBoolean(true);
		ExecutorService pool = Executors.newFixedThreadPool(5);
		try {
			List<Future<?>> writers = new ArrayList<>();
			for (Seeded s : seeded) {
				writers.add(pool.submit(() -> {
					Random random = new Random(s.partner().id());
					for (int round = 0; round < 40; round++) {
						List<Long> some = s.ids().stream().filter(id -> random.nextBoolean()).toList();
						this.seeds.setStatus(some, STATUSES[random.nextInt(STATUSES.length)]);
					}
					return null;
				}));
			}
			Future<Long> folder = pool.submit(() -> {
				long folded = 0;
				while (writing.get()) {
					folded += this.totals.compact();
				}
				return folded;
			});
			for (Future<?> writer : writers) {
				writer.get();
			}
			writing.set(false);
			assertThat(folder.get()).isPositive();
		}
		finally {
			pool.shutdownNow();
		}
		List<Long> partnerIds = seeded.stream().map(s -> s.partner().id()).toList();
		assertAgree(List.of(program.id()), partnerIds);
		this.totals.compact();
		assertAgree(List.of(program.id()), partnerIds);
	}

	/**
	 * After a bulk change the scheduled fold also refreshes the totals' planner
	 * statistics (a young database's stale statistics cost the order path 7× once).
	 */
	@Test
	void aLargeFoldRefreshesTheTotalsStatistics() throws Exception {
		ProgramSummary program = this.seeds.program(null);
		Seeded seeded = this.seeds.seed(program, 12_000, Instant.now());
		this.totals.compact();
		java.sql.Timestamp before = this.jdbc.sql("select now()").query(java.sql.Timestamp.class).single();
		// one delta row per commission: each moves to a day of its own
		this.jdbc
			.sql("""
					update commission set transaction_date = transaction_date - make_interval(days => cast(id % 12000 as int))
					where partner_id = :partner""")
			.param("partner", seeded.partner().id())
			.update();
		this.totals.scheduled();
		assertThat(this.jdbc.sql("select count(*) from commission_total_delta").query(Long.class).single())
			.isLessThan(1000);
		for (String table : List.of("commission_day_total", "commission_partner_total",
				"commission_partner_month_total")) {
			java.sql.Timestamp analyzed = this.jdbc
				.sql("select last_analyze from pg_stat_user_tables where relname = :table")
				.param("table", table)
				.query(java.sql.Timestamp.class)
				.single();
			assertThat(analyzed).as(table).isNotNull().isAfterOrEqualTo(before);
		}
		assertAgree(List.of(program.id()), List.of(seeded.partner().id()));
	}

	private void assertAgree(List<Long> programIds, List<Long> partnerIds) {
		SqlArrayValue programs = new SqlArrayValue("bigint", programIds.toArray());
		List<String> days = this.jdbc.sql("""
				select day || ' ' || program_id || ' ' || status || ' ' || currency || ' ' || n || ' ' || amount
				from commission_day_summary where program_id = any(:programs)
				""").param("programs", programs).query(String.class).list();
		List<String> rawDays = this.jdbc
			.sql("""
					select d || ' ' || program_id || ' ' || status || ' ' || currency || ' ' || count(*) || ' ' || sum(amount)
					from (select cast(transaction_date at time zone 'UTC' as date) as d, program_id, status, currency, amount
					      from commission where program_id = any(:programs)) c
					group by d, program_id, status, currency
					""")
			.param("programs", programs)
			.query(String.class)
			.list();
		assertThat(days).as("daily totals").isNotEmpty().containsExactlyInAnyOrderElementsOf(rawDays);

		SqlArrayValue partners = new SqlArrayValue("bigint", partnerIds.toArray());
		List<String> balances = this.jdbc.sql("""
				select partner_id || ' ' || currency || ' ' || status || ' ' || n || ' ' || amount
				from commission_partner_balance where partner_id = any(:partners)
				""").param("partners", partners).query(String.class).list();
		List<String> rawBalances = this.jdbc.sql("""
				select partner_id || ' ' || currency || ' ' || status || ' ' || count(*) || ' ' || sum(amount)
				from commission where partner_id = any(:partners) group by partner_id, currency, status
				""").param("partners", partners).query(String.class).list();
		assertThat(balances).as("per-partner totals").isNotEmpty().containsExactlyInAnyOrderElementsOf(rawBalances);

		List<String> months = this.jdbc.sql("""
				select month || ' ' || program_id || ' ' || partner_id || ' ' || currency || ' ' || n || ' ' || amount
				from commission_partner_month_summary where partner_id = any(:partners)
				""").param("partners", partners).query(String.class).list();
		List<String> rawMonths = this.jdbc.sql("""
				select m || ' ' || program_id || ' ' || partner_id || ' ' || currency || ' ' || count(*) || ' '
				       || sum(amount)
				from (select cast(date_trunc('month', transaction_date at time zone 'UTC') as date) as m, program_id,
				             partner_id, currency, amount
				      from commission
				      where partner_id = any(:partners) and status in ('pending', 'held', 'approved', 'paid')) c
				group by m, program_id, partner_id, currency
				""").param("partners", partners).query(String.class).list();
		assertThat(months).as("monthly earned totals").containsExactlyInAnyOrderElementsOf(rawMonths);
	}

}
