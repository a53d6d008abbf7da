package dev.partnerhub.orders;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static dev.partnerhub.orders.OrderFixtures.item;
import static dev.partnerhub.orders.OrderFixtures.order;
import static dev.partnerhub.orders.OrderFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 50 real threads post the same new order at the same moment: one order, one set of
 * commissions, no 500.
 */
@IntegrationTest
class OrderConcurrencyTests {

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
	void fiftyConcurrentReplaysCreateOneOrder() throws Exception {
		OrderFixtures f = new OrderFixtures(this.programs, this.partners, this.contacts, this.mvc);
		ProductSummary a = f.product("99.00");
		ProgramSummary program = f.program(2, Rate.percent("20"), Rate.percent("5"));
		PartnerSummary parent = f.partner(program);
		PartnerSummary partner = f.partner(program, parent, PartnerStatus.APPROVED);
		String orderId = unique("race-");
		// a brand-new contact, so the racing requests would also race to create him
		String body = order(orderId, unique("racer") + "@customers.example.com", partner.code(),
				item(a.sku(), 1, "99.00"));

		int threads = 50;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch ready = new CountDownLatch(threads);
		CountDownLatch go = new CountDownLatch(1);
		List<Future<MockHttpServletResponse>> futures = new ArrayList<>();
		try {
			for (int i = 0; i < threads; i++) {
				futures.add(pool.submit(() -> {
					ready.countDown();
					go.await();
					return f.postOrder(body).andReturn().getResponse();
				}));
			}
			assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
			go.countDown();
			List<Integer> statuses = new ArrayList<>();
			List<String> bodies = new ArrayList<>();
			for (Future<MockHttpServletResponse> future : futures) {
				MockHttpServletResponse response = future.get(120, TimeUnit.SECONDS);
				statuses.add(response.getStatus());
				bodies.add(response.getContentAsString());
			}
			assertThat(statuses).allMatch(s -> s == 200 || s == 201, "200 or 201: " + statuses);
			assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
			assertThat(bodies).containsOnly(bodies.get(0));
			assertThat(bodies.get(0)).contains("\"tier\":2");
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.jdbc.sql("select count(*) from customer_order where order_id = :id")
			.param("id", orderId)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.jdbc.sql("""
				select count(*) from commission c join customer_order o on o.id = c.order_id where o.order_id = :id
				""").param("id", orderId).query(Long.class).single()).isEqualTo(2);
	}

	@Test
	void differentOrdersRacingToCreateTheSameNewContactAllSucceed() throws Exception {
		OrderFixtures f = new OrderFixtures(this.programs, this.partners, this.contacts, this.mvc);
		ProductSummary a = f.product("5.00");
		String email = unique("shared") + "@customers.example.com";
		int threads = 20;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch go = new CountDownLatch(1);
		List<Future<Integer>> futures = new ArrayList<>();
		try {
			for (int i = 0; i < threads; i++) {
				String body = order(unique("o-"), email, null, item(a.sku(), 1, "5.00"));
				futures.add(pool.submit(() -> {
					go.await();
					return f.postOrder(body).andReturn().getResponse().getStatus();
				}));
			}
			go.countDown();
			for (Future<Integer> future : futures) {
				assertThat(future.get(120, TimeUnit.SECONDS)).isEqualTo(201);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.jdbc.sql("""
				select count(*) from customer_order o join contact c on c.id = o.contact_id where lower(c.email) = :e
				""").param("e", email.toLowerCase()).query(Long.class).single()).isEqualTo(threads);
	}

}
