package dev.partnerhub.payouts;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
import java.util.stream.Collectors;

import javax.sql.DataSource;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static com.jayway.jsonpath.JsonPath.read;
import static dev.partnerhub.IntegrationTest.BEARER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4's reliability test: 50 real threads at once, half approving the same pending
 * commissions through the API, half creating a payout batch for the program and marking
 * it paid, repeated over several rounds. Every commission ends paid at most once, every
 * batch total equals the sum of its commissions, and every answer is 200/201/409.
 */
@IntegrationTest
class ApproveAndPayRaceTests {

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

	@Autowired
	DataSource dataSource;

	@Test
	void approvingAndPayingAtOnceNeverPaysTwiceAndTotalsAddUp() throws Exception {
		PayoutFixtures f = new PayoutFixtures(this.programs, this.partners, this.contacts, this.mvc, this.jdbc);
		ProgramSummary program = f.program("0");
		List<PartnerSummary> earners = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			earners.add(f.partner(program, true));
		}
		Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		try {
			for (int round = 0; round < ROUNDS; round++) {
				for (PartnerSummary partner : earners) {
					f.sales(partner, 3);
				}
				List<Long> pending = this.jdbc.sql("""
						select c.id from commission c join partner p on p.id = c.partner_id
						where p.program_id = :program and c.status = 'pending' order by c.id
						""").param("program", program.id()).query(Long.class).list();
				assertThat(pending).hasSize(earners.size() * 3);
				String approveBody = "{\"ids\": " + pending + "}";
				String payoutBody = "{\"program\": \"" + program.name() + "\"}";
				CountDownLatch go = new CountDownLatch(1);
				List<Future<?>> futures = new ArrayList<>();
				for (int t = 0; t < THREADS; t++) {
					boolean approver = t % 2 == 0;
					futures.add(pool.submit(() -> {
						go.await();
						if (approver) {
							count(statuses, post("/api/v1/commissions/approve", approveBody));
						}
						else {
							MockHttpServletResponse created = post("/api/v1/payouts", payoutBody);
							count(statuses, created);
							if (created.getStatus() == 201) {
								Number id = read(created.getContentAsString(), "$.id");
								count(statuses, post("/api/v1/payouts/" + id + "/paid", ""));
							}
						}
						return null;
					}));
				}
				go.countDown();
				for (Future<?> future : futures) {
					future.get(120, TimeUnit.SECONDS);
				}
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(statuses.keySet()).as("every answer is 200, 201 or 409: " + statuses).isSubsetOf(200, 201, 409);
		assertThat(statuses.get(201)).as("some batches were created").isNotNull();

		// Every commission of the program: approved or paid, and a paid one is in exactly
		// one live payout item.
		Map<String, Long> byStatus = this.jdbc.sql("""
				select c.status, count(*) from commission c join partner p on p.id = c.partner_id
				where p.program_id = :program group by c.status
				""")
			.param("program", program.id())
			.query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		assertThat(byStatus.keySet()).isSubsetOf("approved", "paid");
		assertThat(byStatus.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(ROUNDS * earners.size() * 3L);
		long paidTwice = this.jdbc.sql("""
				select count(*) from (select l.commission_id from payout_item_commission l
				  where l.released_at is null group by l.commission_id having count(*) > 1) twice
				""").query(Long.class).single();
		assertThat(paidTwice).isZero();
		long paidWithoutItem = this.jdbc.sql("""
				select count(*) from commission c join partner p on p.id = c.partner_id
				where p.program_id = :program and c.status = 'paid' and not exists
				  (select 1 from payout_item_commission l where l.commission_id = c.id and l.released_at is null)
				""").param("program", program.id()).query(Long.class).single();
		assertThat(paidWithoutItem).isZero();
		List<BigDecimal[]> totals = this.jdbc.sql("""
				select b.total, (select coalesce(sum(c.amount), 0) from payout_item_commission l
				                 join commission c on c.id = l.commission_id
				                 where l.batch_id = b.id and l.released_at is null)
				from payout_batch b where b.program_id = :program and b.status <> 'cancelled'
				""")
			.param("program", program.id())
			.query((rs, n) -> new BigDecimal[] { rs.getBigDecimal(1), rs.getBigDecimal(2) })
			.list();
		assertThat(totals).isNotEmpty()
			.allSatisfy(pair -> assertThat(pair[0]).as("batch total = its commissions").isEqualByComparingTo(pair[1]));
	}

	/**
	 * A payout links commissions through a foreign key, and PostgreSQL's check takes
	 * {@code FOR KEY SHARE} on each commission row. An approval must not wait for that
	 * lock (it never changes the key): with {@code FOR UPDATE} the two waited on each
	 * other and deadlocked under the race above, one run in three.
	 */
	@Test
	void anApprovalDoesNotWaitForAForeignKeyCheckOnTheSameCommission() throws Exception {
		PayoutFixtures f = new PayoutFixtures(this.programs, this.partners, this.contacts, this.mvc, this.jdbc);
		PartnerSummary partner = f.partner(f.program("0"), true);
		f.sale(partner);
		long commission = this.jdbc.sql("select id from commission where partner_id = :p and status = 'pending'")
			.param("p", partner.id())
			.query(Long.class)
			.single();
		ExecutorService pool = Executors.newSingleThreadExecutor();
		try (Connection other = this.dataSource.getConnection()) {
			other.setAutoCommit(false);
			try (PreparedStatement keyShare = other
				.prepareStatement("select 1 from commission where id = ? for key share")) {
				keyShare.setLong(1, commission);
				keyShare.executeQuery().close();
			}
			try {
				Future<MockHttpServletResponse> approval = pool
					.submit(() -> post("/api/v1/commissions/approve", "{\"ids\": [" + commission + "]}"));
				assertThat(approval.get(20, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
				assertThat(this.jdbc.sql("select status from commission where id = :id")
					.param("id", commission)
					.query(String.class)
					.single()).isEqualTo("approved");
			}
			finally {
				other.rollback();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	private MockHttpServletResponse post(String path, String body) throws Exception {
		return this.mvc
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
				.header("Authorization", BEARER)
				.contentType(MediaType.APPLICATION_JSON)
				.content(body.isEmpty() ? "{}" : body))
			.andReturn()
			.getResponse();
	}

	private static void count(Map<Integer, AtomicInteger> statuses, MockHttpServletResponse response) {
		statuses.computeIfAbsent(response.getStatus(), s -> new AtomicInteger()).incrementAndGet();
	}

}
