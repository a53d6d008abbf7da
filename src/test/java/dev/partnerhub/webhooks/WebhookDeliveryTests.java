package dev.partnerhub.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import com.jayway.jsonpath.JsonPath;
import dev.partnerhub.IntegrationTest;
import dev.partnerhub.MutableClock;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.orders.OrderFixtures;
import dev.partnerhub.partners.PartnerCreated;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.webhooks.domain.WebhookSender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Outgoing webhooks end to end: an endpoint registered over the API, a domain event, the
 * outbox row the registry-backed listener stores, and the sender posting to a real HTTP
 * receiver on 127.0.0.1 that verifies the Standard Webhooks signature. Time moves with
 * the shared {@link MutableClock}; the sender is called directly (its schedule is off in
 * tests).
 */
@IntegrationTest
class WebhookDeliveryTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	WebhookSender sender;

	@Autowired
	MutableClock clock;

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactService contacts;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	PlatformTransactionManager transactionManager;

	OrderFixtures fixtures;

	final List<Receiver> receivers = new ArrayList<>();

	final List<Long> endpoints = new ArrayList<>();

	@BeforeEach
	void setUp() {
		this.fixtures = new OrderFixtures(this.programs, this.partners, this.contacts, this.mvc);
	}

	@AfterEach
	void cleanUp() {
		// endpoints of one test must not collect the events of the next ones
		this.endpoints.forEach(id -> this.jdbc.sql("delete from webhook_endpoint where id = ?").param(id).update());
		this.receivers.forEach(Receiver::close);
	}

	Receiver receiver(java.util.function.IntUnaryOperator statuses) throws Exception {
		Receiver receiver = new Receiver(statuses);
		this.receivers.add(receiver);
		return receiver;
	}

	record Registered(long id, String secret) {
	}

	Registered register(String url, String... events) throws Exception {
		String list = java.util.Arrays.stream(events).map(e -> "\"" + e + "\"").collect(Collectors.joining(", "));
		MvcResult result = this.fixtures.post("/api/v1/webhooks", """
				{"url": "%s", "events": [%s]}
				""".formatted(url, list))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.secret").value(org.hamcrest.Matchers.startsWith("whsec_")))
			.andReturn();
		long id = ((Number) JsonPath.read(result.getResponse().getContentAsString(), "$.id")).longValue();
		this.endpoints.add(id);
		return new Registered(id, JsonPath.read(result.getResponse().getContentAsString(), "$.secret"));
	}

	/** Waits for the listener to store the delivery of the message for the endpoint. */
	Map<String, Object> awaitDelivery(long endpoint, String messageId) {
		return await("the delivery is stored").atMost(Duration.ofSeconds(30))
			.until(() -> delivery(endpoint, messageId), row -> row != null);
	}

	Map<String, Object> delivery(long endpoint, String messageId) {
		return this.jdbc.sql("select * from webhook_delivery where endpoint_id = :e and message_id = :m")
			.param("e", endpoint)
			.param("m", messageId)
			.query()
			.listOfRows()
			.stream()
			.findFirst()
			.orElse(null);
	}

	long deliveries(String messageId) {
		return this.jdbc.sql("select count(*) from webhook_delivery where message_id = ?")
			.param(messageId)
			.query(Long.class)
			.single();
	}

	PartnerSummary partner() {
		ProgramSummary program = this.fixtures.program(1, Rate.percent("10"), Rate.percent("0"), false, null,
				List.of());
		return this.fixtures.partner(program);
	}

	@Test
	void aNewPartnerIsPostedSignedTheStandardWebhooksWayOnceEvenWhenItsEventIsHandledAgain() throws Exception {
		Receiver receiver = receiver(n -> 200);
		Registered endpoint = register(receiver.url(), "partner.created");
		PartnerSummary partner = partner();
		String messageId = "msg_partner_created_" + partner.id();

		awaitDelivery(endpoint.id(), messageId);
		// the same event handled again (a resubmitted publication) stores nothing new
		new TransactionTemplate(this.transactionManager).executeWithoutResult(tx -> this.events.publishEvent(
				new PartnerCreated(partner.id(), partner.contactId(), partner.programId(), partner.status(), false)));
		await().atMost(Duration.ofSeconds(30)).until(() -> this.jdbc.sql("""
				select count(*) from event_publication where listener_id = 'webhooks.partner-created'
				and completion_date is null
				""").query(Long.class).single() == 0);
		assertThat(deliveries(messageId)).isEqualTo(1);

		Instant now = this.clock.instant();
		this.sender.deliverDue(now);
		List<Receiver.Received> got = receiver.all().stream().filter(r -> messageId.equals(r.id())).toList();
		assertThat(got).hasSize(1);
		Receiver.Received message = got.get(0);
		assertThat(Receiver.verify(endpoint.secret(), message)).isTrue();
		assertThat(Long.parseLong(message.timestamp())).isBetween(now.getEpochSecond(), now.getEpochSecond() + 5);
		assertThat((String) JsonPath.read(message.body(), "$.type")).isEqualTo("partner.created");
		assertThat((String) JsonPath.read(message.body(), "$.timestamp")).isNotBlank();
		assertThat((String) JsonPath.read(message.body(), "$.data.code")).isEqualTo(partner.code());
		assertThat(((Number) JsonPath.read(message.body(), "$.data.id")).longValue()).isEqualTo(partner.id());
		// a wrong secret does not verify: the check above can fail
		assertThat(Receiver.verify("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]), message))
			.isFalse();

		Map<String, Object> row = delivery(endpoint.id(), messageId);
		assertThat(row.get("status")).isEqualTo("delivered");
		assertThat(row.get("response_code")).isEqualTo(200);
		assertThat(row.get("attempts")).isEqualTo(1);
		assertThat(row.get("latency_ms")).isNotNull();

		// delivered stays delivered
		this.sender.deliverDue(this.clock.instant().plusSeconds(3600));
		assertThat(receiver.all().stream().filter(r -> messageId.equals(r.id()))).hasSize(1);
	}

	@Test
	void eachDeliveryIsSignedWithTheTimeItIsSentNotTheTimeTheRunStarted() throws Exception {
		// a slow receiver first (as one timing out would be, for up to the timeout)
		Receiver slow = receiver(n -> {
			try {
				Thread.sleep(2_100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return 200;
		});
		Receiver quick = receiver(n -> 200);
		Registered first = register(slow.url(), "partner.created");
		Registered second = register(quick.url(), "partner.created");
		PartnerSummary partner = partner();
		String messageId = "msg_partner_created_" + partner.id();
		awaitDelivery(first.id(), messageId);
		awaitDelivery(second.id(), messageId);

		Instant now = this.clock.instant();
		this.sender.deliverDue(now);

		Receiver.Received late = quick.all().stream().filter(r -> messageId.equals(r.id())).findFirst().orElseThrow();
		assertThat(Long.parseLong(late.timestamp())).isGreaterThanOrEqualTo(now.getEpochSecond() + 2);
		assertThat(Receiver.verify(second.secret(), late)).isTrue();
	}

	@Test
	void aReceiverAnswering500IsTriedAgainAfterTheBackoffAndThenDelivered() throws Exception {
		Receiver receiver = receiver(n -> n == 1 ? 500 : 200);
		Registered endpoint = register(receiver.url(), "partner.created");
		PartnerSummary partner = partner();
		String messageId = "msg_partner_created_" + partner.id();
		awaitDelivery(endpoint.id(), messageId);

		Instant first = this.clock.instant();
		this.sender.deliverDue(first);
		Map<String, Object> row = delivery(endpoint.id(), messageId);
		assertThat(row.get("status")).isEqualTo("queued");
		assertThat(row.get("response_code")).isEqualTo(500);
		assertThat(row.get("attempts")).isEqualTo(1);
		// 30 s after the attempt, which came a moment after the run started
		assertThat(((java.sql.Timestamp) row.get("next_attempt_at")).toInstant())
			.isBetween(first.plusSeconds(30).minusMillis(1), first.plusSeconds(35));

		// not before its time
		this.sender.deliverDue(this.clock.instant());
		assertThat(receiver.all()).hasSize(1);

		this.clock.advance(Duration.ofSeconds(31));
		this.sender.deliverDue(this.clock.instant());
		List<Receiver.Received> got = receiver.all();
		assertThat(got).hasSize(2);
		assertThat(got.get(1).id()).isEqualTo(got.get(0).id());
		assertThat(Receiver.verify(endpoint.secret(), got.get(1))).isTrue();
		row = delivery(endpoint.id(), messageId);
		assertThat(row.get("status")).isEqualTo("delivered");
		assertThat(row.get("response_code")).isEqualTo(200);
		assertThat(row.get("attempts")).isEqualTo(2);
		assertThat(this.jdbc.sql("select failing_since is null from webhook_endpoint where id = ?")
			.param(endpoint.id())
			.query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void aReceiverThatKeepsFailingIsTriedEightTimesOverMoreThanAnHourThenTheDeliveryFails() throws Exception {
		Receiver receiver = receiver(n -> 503);
		Registered endpoint = register(receiver.url(), "partner.created");
		PartnerSummary partner = partner();
		String messageId = "msg_partner_created_" + partner.id();
		awaitDelivery(endpoint.id(), messageId);

		Instant start = this.clock.instant();
		List<Instant> tries = new ArrayList<>();
		for (int i = 0; i < 20 && !"failed".equals(delivery(endpoint.id(), messageId).get("status")); i++) {
			tries.add(this.clock.instant());
			this.sender.deliverDue(this.clock.instant());
			Map<String, Object> row = delivery(endpoint.id(), messageId);
			Instant next = ((java.sql.Timestamp) row.get("next_attempt_at")).toInstant();
			this.clock.advance(Duration.between(this.clock.instant(), next).plusSeconds(1));
		}
		assertThat(receiver.all()).hasSize(8);
		assertThat(delivery(endpoint.id(), messageId).get("status")).isEqualTo("failed");
		assertThat(Duration.between(start, tries.get(tries.size() - 1))).isGreaterThan(Duration.ofHours(1));
		// backoff grows
		List<Duration> gaps = new ArrayList<>();
		for (int i = 1; i < tries.size(); i++) {
			gaps.add(Duration.between(tries.get(i - 1), tries.get(i)));
		}
		for (int i = 1; i < 5; i++) {
			assertThat(gaps.get(i)).isGreaterThan(gaps.get(i - 1));
		}
	}

	@Test
	void anEndpointFailingForDaysIsDisabledAuditedAndNamedOnTheWebhooksPage() throws Exception {
		Receiver receiver = receiver(n -> 500);
		Registered endpoint = register(receiver.url(), "partner.created");
		PartnerSummary partner = partner();
		awaitDelivery(endpoint.id(), "msg_partner_created_" + partner.id());
		// failing for six days (the default limit is five)
		this.jdbc.sql("update webhook_endpoint set failing_since = :at where id = :id")
			.param("at", java.sql.Timestamp.from(this.clock.instant().minus(Duration.ofDays(6))))
			.param("id", endpoint.id())
			.update();

		this.sender.deliverDue(this.clock.instant());

		assertThat(this.jdbc.sql("select status from webhook_endpoint where id = ?")
			.param(endpoint.id())
			.query(String.class)
			.single()).isEqualTo("disabled");
		assertThat(this.jdbc.sql("""
				select count(*) from audit_entry where action = 'webhook.auto_disable' and subject_id = :id
				""").param("id", String.valueOf(endpoint.id())).query(Long.class).single()).isEqualTo(1);
		this.mvc
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/admin/webhooks")
				.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
					.user("admin@test.local")
					.roles("ADMIN")))
			.andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(org.hamcrest.Matchers.containsString("webhooks-disabled-banner")));
		// a disabled endpoint is not sent to
		this.clock.advance(Duration.ofMinutes(1));
		int before = receiver.all().size();
		this.sender.deliverDue(this.clock.instant());
		assertThat(receiver.all()).hasSize(before);
	}

	@Test
	void redirectsAreNotFollowed() throws Exception {
		Receiver receiver = receiver(n -> 302);
		Registered endpoint = register(receiver.url(), "partner.created");
		PartnerSummary partner = partner();
		String messageId = "msg_partner_created_" + partner.id();
		awaitDelivery(endpoint.id(), messageId);

		this.sender.deliverDue(this.clock.instant());

		assertThat(receiver.all()).hasSize(1);
		assertThat(receiver.otherPathHits.get()).isZero();
		Map<String, Object> row = delivery(endpoint.id(), messageId);
		assertThat(row.get("status")).isEqualTo("queued");
		assertThat(row.get("response_code")).isEqualTo(302);
		assertThat((String) row.get("last_error")).contains("redirects are not followed");
	}

	@Test
	void commissionsAndRefundsOfAnOrderArePostedWithTheirAmounts() throws Exception {
		Receiver receiver = receiver(n -> 200);
		Registered endpoint = register(receiver.url(), "commission.created", "order.refunded");
		ProgramSummary program = this.fixtures.program(1, Rate.percent("10"), Rate.percent("0"), false, null,
				List.of());
		PartnerSummary partner = this.fixtures.partner(program);
		ProductSummary product = this.fixtures.product("80.00");
		String orderId = OrderFixtures.unique("wh-");
		this.fixtures.postOrder(OrderFixtures.order(orderId, OrderFixtures.unique("buyer") + "@test.local",
				partner.code(), OrderFixtures.item(product.sku(), 1, "80.00")))
			.andExpect(status().isCreated());
		this.fixtures.post("/api/v1/orders/" + orderId + "/refunds", "{\"refundId\": \"r1\", \"amount\": \"20.00\"}")
			.andExpect(status().is2xxSuccessful());

		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.sql("select count(*) from webhook_delivery where endpoint_id = ?")
				.param(endpoint.id())
				.query(Long.class)
				.single() == 2);
		this.sender.deliverDue(this.clock.instant());
		Map<String, String> bodies = receiver.all()
			.stream()
			.collect(Collectors.toMap(r -> JsonPath.read(r.body(), "$.type"), Receiver.Received::body));
		String commission = bodies.get("commission.created");
		assertThat((String) JsonPath.read(commission, "$.data.partnerCode")).isEqualTo(partner.code());
		assertThat((String) JsonPath.read(commission, "$.data.orderId")).isEqualTo(orderId);
		assertThat((String) JsonPath.read(commission, "$.data.amount")).isEqualTo("8.00");
		assertThat((String) JsonPath.read(commission, "$.data.currency")).isEqualTo("USD");
		String refund = bodies.get("order.refunded");
		assertThat((String) JsonPath.read(refund, "$.data.orderId")).isEqualTo(orderId);
		assertThat((String) JsonPath.read(refund, "$.data.refundId")).isEqualTo("r1");
		assertThat((String) JsonPath.read(refund, "$.data.amount")).isEqualTo("20.00");
		assertThat((Boolean) JsonPath.read(refund, "$.data.fullyRefunded")).isFalse();
	}

	@Test
	void approvalsAndPayoutsArePosted() throws Exception {
		Receiver receiver = receiver(n -> 200);
		Registered endpoint = register(receiver.url(), "commission.approved", "payout.paid");
		ProgramSummary program = this.fixtures.program(1, Rate.percent("10"), Rate.percent("0"), false, null,
				List.of());
		PartnerSummary partner = this.fixtures.partner(program);
		ProductSummary product = this.fixtures.product("50.00");
		String orderId = OrderFixtures.unique("wh-");
		this.fixtures.postOrder(OrderFixtures.order(orderId, OrderFixtures.unique("buyer") + "@test.local",
				partner.code(), OrderFixtures.item(product.sku(), 1, "50.00")))
			.andExpect(status().isCreated());
		long commission = this.jdbc.sql("""
				select c.id from commission c join customer_order o on o.id = c.order_id where o.order_id = ?
				""").param(orderId).query(Long.class).single();
		this.fixtures.post("/api/v1/commissions/approve", "{\"ids\": [" + commission + "]}").andExpect(status().isOk());
		// a payout item of this partner paid (the event as PayoutService publishes it)
		new TransactionTemplate(
				this.transactionManager)
			.executeWithoutResult(
					tx -> this.events
						.publishEvent(new dev.partnerhub.payouts.PayoutsPaid(424242,
								List.of(new dev.partnerhub.payouts.PayoutsPaid.Item(9_000_000_000L + commission,
										partner.id(), new java.math.BigDecimal("5.00"), "USD")),
								this.clock.instant())));

		awaitDelivery(endpoint.id(), "msg_commission_approved_" + commission);
		awaitDelivery(endpoint.id(), "msg_payout_paid_" + (9_000_000_000L + commission));
		this.sender.deliverDue(this.clock.instant());
		Map<String, String> bodies = receiver.all()
			.stream()
			.collect(Collectors.toMap(r -> JsonPath.read(r.body(), "$.type"), Receiver.Received::body));
		assertThat((String) JsonPath.read(bodies.get("commission.approved"), "$.data.status")).isEqualTo("approved");
		assertThat((String) JsonPath.read(bodies.get("commission.approved"), "$.data.amount")).isEqualTo("5.00");
		String payout = bodies.get("payout.paid");
		assertThat((String) JsonPath.read(payout, "$.data.partnerCode")).isEqualTo(partner.code());
		assertThat((String) JsonPath.read(payout, "$.data.amount")).isEqualTo("5.00");
		assertThat(((Number) JsonPath.read(payout, "$.data.batchId")).longValue()).isEqualTo(424242);
	}

	@Test
	void twoSendersAtOnceNeverPostOneDeliveryTwice() throws Exception {
		Receiver receiver = receiver(n -> 200);
		Registered endpoint = register(receiver.url(), "partner.created");
		String prefix = "msg_test_concurrent_" + OrderFixtures.unique("") + "_";
		for (int i = 0; i < 60; i++) {
			this.jdbc
				.sql("""
						insert into webhook_message (id, type, body, created_at) values (:id, 'partner.created', '{}', now())
						""")
				.param("id", prefix + i)
				.update();
		}
		this.jdbc.sql("""
				insert into webhook_delivery (endpoint_id, message_id, next_attempt_at, created_at)
				select :endpoint, id, now() - interval '1 second', now() from webhook_message where id like :prefix
				""").param("endpoint", endpoint.id()).param("prefix", prefix + "%").update();

		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			CountDownLatch start = new CountDownLatch(1);
			Callable<Integer> run = () -> {
				start.await();
				return this.sender.deliverDue(this.clock.instant());
			};
			Future<Integer> a = pool.submit(run);
			Future<Integer> b = pool.submit(run);
			start.countDown();
			assertThat(a.get() + b.get()).isGreaterThanOrEqualTo(60);
		}
		finally {
			pool.shutdownNow();
		}
		Map<String, Long> perMessage = receiver.all()
			.stream()
			.filter(r -> r.id().startsWith(prefix))
			.collect(Collectors.groupingBy(Receiver.Received::id, Collectors.counting()));
		assertThat(perMessage).hasSize(60);
		assertThat(perMessage.values()).allMatch(n -> n == 1);
	}

	@Test
	void theApiRefusesBadEndpoints() throws Exception {
		this.fixtures.post("/api/v1/webhooks", "{\"url\": \"ftp://example.com/x\", \"events\": [\"partner.created\"]}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("https://")));
		this.fixtures
			.post("/api/v1/webhooks", "{\"url\": \"https://example.com/x\", \"events\": [\"partner.deleted\"]}")
			.andExpect(status().isBadRequest());
		this.fixtures.post("/api/v1/webhooks", "{\"url\": \"https://example.com/x\", \"events\": []}")
			.andExpect(status().isBadRequest());
		this.fixtures
			.post("/api/v1/webhooks", "{\"url\": \"https://user:pw@example.com/x\", \"events\": [\"partner.created\"]}")
			.andExpect(status().isBadRequest());
		this.mvc
			.perform(post("/api/v1/webhooks").contentType(MediaType.APPLICATION_JSON)
				.content("{\"url\": \"https://example.com/x\", \"events\": [\"partner.created\"]}"))
			.andExpect(status().isUnauthorized());
	}

}
