package dev.partnerhub.payouts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static com.jayway.jsonpath.JsonPath.read;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real threads on real PostgreSQL: 50 threads at once create a batch for the same program
 * and mark batches paid, several rounds with new approved commissions each round. Nothing
 * is paid twice, totals always add up, the losers get a clear 409, never a 500.
 */
@IntegrationTest
class PayoutConcurrencyTests {

	static final int THREADS = 50;

	static final int ROUNDS = 3;

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

	@Test
	void fiftyThreadsCreatingAndPayingBatchesPayEveryCommissionExactlyOnce() throws Exception {
		PayoutFixtures f = new PayoutFixtures(this.programs, this.partners, this.contacts, this.mvc, this.jdbc);
		ProgramSummary program = f.program("0");
		List<PartnerSummary> partners = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			partners.add(f.partner(program, true));
		}
		String body = "{\"program\": \"" + program.name() + "\"}";
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		try {
			for (int round = 0; round < ROUNDS; round++) {
				for (PartnerSummary partner : partners) {
					f.sales(partner, 2);
					f.approve(partner);
				}
				Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
				List<Long> createdIds = java.util.Collections.synchronizedList(new ArrayList<>());
				CountDownLatch go = new CountDownLatch(1);
				List<Future<?>> futures = new ArrayList<>();
				for (int t = 0; t < THREADS; t++) {
					int thread = t;
					futures.add(pool.submit(() -> {
						go.await();
						MockHttpServletResponse created = f.orders.post("/api/v1/payouts", body)
							.andReturn()
							.getResponse();
						statuses.computeIfAbsent(created.getStatus(), s -> new AtomicInteger()).incrementAndGet();
						if (created.getStatus() == 201) {
							createdIds.add(((Number) read(created.getContentAsString(), "$.id")).longValue());
						}
						// Everybody races to pay the program's newest batch (the
						// winner's, or an older paid one).
						Long latest = this.jdbc.sql("select max(id) from payout_batch where program_id = :p")
							.param("p", program.id())
							.query(Long.class)
							.single();
						if (latest != null) {
							String path = thread % 5 == 0
									? "/api/v1/payouts/" + latest + "/items/" + firstItem(latest) + "/paid"
									: "/api/v1/payouts/" + latest + "/paid";
							int paid = f.orders.post(path, "").andReturn().getResponse().getStatus();
							statuses.computeIfAbsent(1000 + paid, s -> new AtomicInteger()).incrementAndGet();
						}
						return null;
					}));
				}
				go.countDown();
				for (Future<?> future : futures) {
					future.get(120, TimeUnit.SECONDS);
				}
				// Creation is serialized: exactly one winner per round, 49 clear
				// conflicts; payments all 200.
				assertThat(statuses.keySet()).as("statuses %s", statuses).containsOnly(201, 409, 1200);
				assertThat(statuses.get(201).get()).isEqualTo(1);
				assertThat(statuses.get(409).get()).isEqualTo(THREADS - 1);
				assertThat(createdIds).hasSize(1);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertEverythingPaidOnce(program);
	}

	private Long firstItem(long batchId) {
		return this.jdbc.sql("select min(id) from payout_item where batch_id = :b")
			.param("b", batchId)
			.query(Long.class)
			.single();
	}

	private void assertEverythingPaidOnce(ProgramSummary program) {
		// Every commission of the program: paid, with a date, in exactly one live item of
		// a paid batch.
		List<Map<String, Object>> rows = this.jdbc.sql("""
				select c.id, c.status, c.paid_at,
				       (select count(*) from payout_item_commission l where l.commission_id = c.id) as links,
				       (select count(*) from payout_item_commission l join payout_item i on i.id = l.item_id
				         where l.commission_id = c.id and l.released_at is null and i.status = 'paid') as paid_links
				from commission c join partner p on p.id = c.partner_id
				where p.program_id = :program
				""").param("program", program.id()).query().listOfRows();
		assertThat(rows).hasSize(6 * 2 * ROUNDS);
		for (Map<String, Object> row : rows) {
			assertThat(row.get("status")).as("commission %s", row.get("id")).isEqualTo("paid");
			assertThat(row.get("paid_at")).isNotNull();
			assertThat(((Number) row.get("links")).longValue()).isEqualTo(1);
			assertThat(((Number) row.get("paid_links")).longValue()).isEqualTo(1);
		}
		List<Map<String, Object>> batches = this.jdbc.sql("""
				select b.id, b.status, b.total,
				       (select coalesce(sum(i.amount), 0) from payout_item i where i.batch_id = b.id) as items,
				       (select coalesce(sum(c.amount), 0) from payout_item_commission l
				          join payout_item i on i.id = l.item_id join commission c on c.id = l.commission_id
				         where i.batch_id = b.id) as commissions
				from payout_batch b where b.program_id = :program
				""").param("program", program.id()).query().listOfRows();
		assertThat(batches).hasSize(ROUNDS);
		for (Map<String, Object> batch : batches) {
			assertThat(batch.get("status")).isEqualTo("paid");
			assertThat((BigDecimal) batch.get("total")).isEqualByComparingTo("120.00");
			assertThat((BigDecimal) batch.get("items")).isEqualByComparingTo((BigDecimal) batch.get("total"));
			assertThat((BigDecimal) batch.get("commissions")).isEqualByComparingTo((BigDecimal) batch.get("total"));
		}
	}

}
