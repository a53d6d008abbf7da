package dev.partnerhub.ops;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.orders.OrderFixtures;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.tracking.domain.ClickRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class OpsEndpointsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	MeterRegistry meters;

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactService contacts;

	@Autowired
	ClickRecorder clicks;

	@Test
	void healthIsPublicWithoutDetailsAndProbesIncludeTheDatabase() throws Exception {
		this.mvc.perform(get("/actuator/health"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("UP"))
			.andExpect(jsonPath("$.components").doesNotExist());
		this.mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
		this.mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
		// Admins see what readiness is made of: the database is part of it.
		this.mvc.perform(get("/actuator/health/readiness").with(user("admin@test.local").roles("ADMIN")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.components.db.status").value("UP"));
	}

	@Test
	void trackedLinksAreCountedByTheClickWriterNotTimedOneByOne() throws Exception {
		// an observation per click was the largest cost between the redirect and a bare
		// app (issue 21); the click writer's counters count them instead
		this.mvc.perform(get("/r/nobody-" + System.nanoTime())).andExpect(status().isNotFound());
		this.mvc.perform(get("/ping")).andExpect(status().isOk());
		assertThat(this.meters.find("http.server.requests").tag("uri", "/r/*").timer()).isNull();
		assertThat(this.meters.find("http.server.requests").tag("uri", "/ping").timer()).isNotNull();
		assertThat(this.meters.find("partnerhub.tracking.clicks").functionCounter()).isNotNull();
	}

	@Test
	void prometheusIsForAdminsOnly() throws Exception {
		this.mvc.perform(get("/actuator/prometheus")).andExpect(status().isUnauthorized());
		this.mvc.perform(get("/actuator/prometheus").header("Authorization", "Bearer not-the-token"))
			.andExpect(status().isUnauthorized());
		this.mvc.perform(get("/actuator/prometheus").with(user("p@test.local").roles("PARTNER")))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/actuator/env").with(user("p@test.local").roles("PARTNER")))
			.andExpect(status().is4xxClientError());
		this.mvc.perform(get("/actuator/prometheus").with(user("admin@test.local").roles("ADMIN")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("partnerhub_orders_placed_total")))
			.andExpect(content().string(containsString("partnerhub_tracking_queued")))
			.andExpect(content().string(containsString("partnerhub_tracking_clicks_total")))
			.andExpect(content().string(containsString("partnerhub_bulk_jobs_active")))
			.andExpect(content().string(containsString("partnerhub_mail_outbox_queued")))
			.andExpect(content().string(containsString("hikaricp_connections_active")));
	}

	@Test
	void ordersAndCommissionsAreCountedOnceCommitted() throws Exception {
		OrderFixtures fixtures = new OrderFixtures(this.programs, this.partners, this.contacts, this.mvc);
		ProductSummary product = fixtures.product("10.00");
		double before = this.meters.counter("partnerhub.orders.placed").count();
		String orderId = OrderFixtures.unique("ops-");
		String body = OrderFixtures.order(orderId, orderId + "@buyers.example.com", null,
				OrderFixtures.item(product.sku(), 1, "10.00"));
		fixtures.postOrder(body).andExpect(status().isCreated());
		fixtures.postOrder(body).andExpect(status().is2xxSuccessful()); // a replay is not
																		// a new order
		assertThat(this.meters.counter("partnerhub.orders.placed").count()).isEqualTo(before + 1);
	}

	@Test
	void everyResponseCarriesARequestIdAndProblemsQuoteIt() throws Exception {
		this.mvc.perform(get("/ping")).andExpect(header().string("X-Request-Id", matchesPattern("[0-9a-f]{16}")));
		// A caller's sane id is kept (correlates with the caller's logs); a hostile one
		// is replaced.
		this.mvc.perform(get("/ping").header("X-Request-Id", "caller-id-12345"))
			.andExpect(header().string("X-Request-Id", "caller-id-12345"));
		this.mvc.perform(get("/ping").header("X-Request-Id", "<script>alert(1)</script>"))
			.andExpect(header().string("X-Request-Id", matchesPattern("[0-9a-f]{16}")));
		this.mvc
			.perform(post("/api/v1/orders").header("Authorization", IntegrationTest.BEARER)
				.header("X-Request-Id", "order-req-000042")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"nonsense\": 1}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.requestId").value("order-req-000042"));
	}

	@Test
	void clickFlushesAreTimed() {
		assertThat(this.meters.find("partnerhub.tracking.flush").timer()).isNotNull();
	}

}
