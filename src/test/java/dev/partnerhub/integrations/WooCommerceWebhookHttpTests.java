package dev.partnerhub.integrations;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.partnerhub.IntegrationTest;
import dev.partnerhub.TestDatabaseConfiguration;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.integrations.domain.Integration;
import dev.partnerhub.integrations.domain.IntegrationSettings;
import dev.partnerhub.orders.OrderFixtures;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.CouponService;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WooCommerce webhook over real HTTP, in the same context as
 * {@link StripeWebhookHttpTests} (the same annotations, so Spring's context cache starts
 * no second app): WooCommerce REST order JSON ({@code src/test/resources/woocommerce})
 * signed as WooCommerce signs it, {@code X-WC-Webhook-Signature} = base64 of the
 * HMAC-SHA256 of the body. The secret is set as the console sets it (the shared
 * properties configure none).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"partnerhub.database.embedded.data-dir=", "partnerhub.demo.enabled=false",
		"partnerhub.bootstrap.admin-email=admin@test.local", "partnerhub.bootstrap.admin-password=admin-password-1",
		"partnerhub.bootstrap.api-key=" + IntegrationTest.API_KEY, "spring.mail.host=127.0.0.1",
		"spring.mail.port=${partnerhub.test.smtp-port:3465}", "partnerhub.mail.delivery.enabled=false",
		"partnerhub.automation.sequences.enabled=false",
		"partnerhub.integrations.stripe.webhook-secret=" + StripeWebhookHttpTests.SECRET,
		"spring.autoconfigure.exclude=org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionAutoConfiguration" })
@Import(TestDatabaseConfiguration.class)
class WooCommerceWebhookHttpTests {

	static final String SECRET = "wc-secret-(Zm9yIHRlc3Rz)!";

	@LocalServerPort
	int port;

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactService contacts;

	@Autowired
	CouponService coupons;

	@Autowired
	IntegrationSettings settings;

	@Autowired
	JdbcClient jdbc;

	ShopHttp http;

	OrderFixtures f;

	ProgramSummary program;

	PartnerSummary parent;

	PartnerSummary partner;

	@BeforeEach
	void setUp() {
		this.http = new ShopHttp(this.port, this.jdbc);
		this.f = new OrderFixtures(this.programs, this.partners, this.contacts, null);
		this.program = this.f.program(2, Rate.percent("10"), Rate.percent("5"));
		this.parent = this.f.partner(this.program);
		this.partner = this.f.partner(this.program, this.parent, PartnerStatus.APPROVED);
		this.settings.setSecret(Integration.WOOCOMMERCE, SECRET);
	}

	/**
	 * A paid order (processing) of 108.00 USD, 8.00 of it tax: 100.00 booked, its sku
	 * unique, referred by ph_ref.
	 */
	ObjectNode order(long id, String referral) {
		ObjectNode order = ShopHttp.fixture("woocommerce/order.json");
		order.put("id", id);
		((ObjectNode) order.get("billing")).put("email", "buyer-" + ShopHttp.unique() + "@customers.example.com");
		((ObjectNode) order.get("line_items").get(0)).put("sku", "woo-" + ShopHttp.unique());
		((ObjectNode) order.get("meta_data").get(1)).put("value", referral);
		return order;
	}

	static void refunds(ObjectNode order, String status, long... idsAndCents) {
		order.put("status", status);
		ArrayNode refunds = order.putArray("refunds");
		for (int i = 0; i < idsAndCents.length; i += 2) {
			refunds.addObject()
				.put("id", idsAndCents[i])
				.put("reason", "damaged")
				.put("total", "-" + java.math.BigDecimal.valueOf(idsAndCents[i + 1], 2).toPlainString());
		}
	}

	HttpResponse<String> post(String body, String topic, String deliveryId, String signature) {
		java.util.Map<String, String> headers = new java.util.HashMap<>();
		headers.put("User-Agent", "WooCommerce/9.4.2 Hookshot (WordPress/6.7)");
		headers.put("X-WC-Webhook-Source", "https://shop.example.com/");
		headers.put("X-WC-Webhook-ID", "12");
		headers.put("X-WC-Webhook-Resource", "order");
		if (topic != null) {
			headers.put("X-WC-Webhook-Topic", topic);
			headers.put("X-WC-Webhook-Event", topic.substring(topic.indexOf('.') + 1));
		}
		if (deliveryId != null) {
			headers.put("X-WC-Webhook-Delivery-ID", deliveryId);
		}
		if (signature != null) {
			headers.put("X-WC-Webhook-Signature", signature);
		}
		return this.http.post("/webhooks/woocommerce", body, "application/json", headers);
	}

	/**
	 * Signs and posts the order as a delivery of {@code topic}; expects 200 and answers
	 * the outcome.
	 */
	String deliver(ObjectNode order, String topic, String deliveryId) {
		String body = order.toString();
		HttpResponse<String> response = post(body, topic, deliveryId, ShopHttp.sign(body, SECRET));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return ShopHttp.outcome(response);
	}

	String deliver(ObjectNode order, String topic) {
		return deliver(order, topic, ShopHttp.unique());
	}

	@Test
	void aPaidOrderIsBookedOnceWhateverHowOftenItIsDelivered() {
		long id = ShopHttp.uniqueId();
		String orderId = "woo:" + id;
		ObjectNode pending = order(id, this.partner.code());
		pending.put("status", "pending");
		assertThat(deliver(pending, "order.created")).isEqualTo("ignored");
		assertThat(this.http.orders(orderId)).isZero();

		ObjectNode paid = order(id, this.partner.code());
		String delivery = ShopHttp.unique();
		assertThat(deliver(paid, "order.updated", delivery)).isEqualTo("applied");
		Map<String, Object> order = this.http.order(orderId);
		assertThat(order.get("currency")).isEqualTo("USD");
		assertThat((java.math.BigDecimal) order.get("total")).isEqualByComparingTo("100.00"); // without
																								// the
																								// tax
		assertThat(this.http.commissions(orderId)).containsExactly(
				this.partner.code() + " 1 10.00 pending (tier 1: last referrer " + this.partner.code() + ")",
				this.parent.code() + " 2 5.00 pending (tier 2: parent of " + this.partner.code() + ")");
		// the unknown sku became a product of its own (price 0: the program's default
		// rates)
		String sku = paid.get("line_items").get(0).get("sku").asString();
		assertThat(this.programs.findProductBySku(sku)).isPresent();

		// the same delivery again, then WooCommerce's next order.updated of the same
		// order (completed): nothing more
		assertThat(deliver(paid, "order.updated", delivery)).isEqualTo("duplicate");
		paid.put("status", "completed");
		assertThat(deliver(paid, "order.updated")).isEqualTo("ignored");
		assertThat(this.http.orders(orderId)).isEqualTo(1);
		assertThat(this.http.commissions(orderId)).hasSize(2);
		// topics Partnerhub does not use are answered 200
		assertThat(deliver(paid, "product.updated")).isEqualTo("ignored");
	}

	@Test
	void tenConcurrentDeliveriesOfOneOrderBookOneOrder() throws Exception {
		long id = ShopHttp.uniqueId();
		ObjectNode paid = order(id, this.partner.code());
		String body = paid.toString();
		String signature = ShopHttp.sign(body, SECRET);
		// ten deliveries of the order (order.created and order.updated, each with its own
		// delivery id) at once
		List<String> outcomes = ShopHttp.concurrently(10,
				() -> post(body, "order.updated", ShopHttp.unique(), signature));
		assertThat(outcomes).filteredOn("applied"::equals).hasSize(1);
		assertThat(outcomes).filteredOn("ignored"::equals).hasSize(9);
		assertThat(this.http.orders("woo:" + id)).isEqualTo(1);
		assertThat(this.http.commissions("woo:" + id)).hasSize(2);
		// and ten of one delivery id: one applies, nine are duplicates
		long other = ShopHttp.uniqueId();
		String otherBody = order(other, this.partner.code()).toString();
		String delivery = ShopHttp.unique();
		List<String> same = ShopHttp.concurrently(10,
				() -> post(otherBody, "order.created", delivery, ShopHttp.sign(otherBody, SECRET)));
		assertThat(same).filteredOn("applied"::equals).hasSize(1);
		assertThat(same).filteredOn("duplicate"::equals).hasSize(9);
		assertThat(this.http.orders("woo:" + other)).isEqualTo(1);
	}

	@Test
	void aPartialThenTheFullRefundReduceThenRefundTheCommissions() {
		long id = ShopHttp.uniqueId();
		String orderId = "woo:" + id;
		ObjectNode order = order(id, this.partner.code());
		deliver(order, "order.created");
		long first = ShopHttp.uniqueId();
		// 27.00 of the 108.00 paid: a quarter, so a quarter of the 100.00 booked
		refunds(order, "processing", first, 2700);
		assertThat(deliver(order, "order.updated")).isEqualTo("applied");
		assertThat(this.http.refunds(orderId)).containsExactly("woo-refund:" + first + " 25.00");
		assertThat(this.http.commissions(orderId)).containsExactly(
				this.partner.code() + " 1 7.50 pending (tier 1: last referrer " + this.partner.code() + ")",
				this.parent.code() + " 2 3.75 pending (tier 2: parent of " + this.partner.code() + ")");
		// WooCommerce sends the order again (another update): the refund it lists is not
		// booked twice
		assertThat(deliver(order, "order.updated")).isEqualTo("ignored");
		assertThat(this.http.refunds(orderId)).hasSize(1);
		// the rest refunded: the order is "refunded" and lists both
		long second = ShopHttp.uniqueId();
		refunds(order, "refunded", first, 2700, second, 8100);
		assertThat(deliver(order, "order.updated")).isEqualTo("applied");
		assertThat(this.http.refunds(orderId)).containsExactly("woo-refund:" + first + " 25.00",
				"woo-refund:" + second + " 75.00");
		assertThat(this.http.commissions(orderId)).hasSize(2).allSatisfy(c -> assertThat(c).contains(" refunded "));
		assertThat(this.http.refundStatus("woo-refund:" + second)).isEqualTo("applied");
	}

	@Test
	void aRefundBeforeItsOrderIsKeptAndAppliedWhenTheOrderArrives() {
		long id = ShopHttp.uniqueId();
		String orderId = "woo:" + id;
		long refund = ShopHttp.uniqueId();
		// the later update (refunded) arrives first: nothing is booked, the refund waits
		ObjectNode late = order(id, this.partner.code());
		refunds(late, "refunded", refund, 10800);
		assertThat(deliver(late, "order.updated")).isEqualTo("pending");
		assertThat(this.http.orders(orderId)).isZero();
		assertThat(this.http.refundStatus("woo-refund:" + refund)).isEqualTo("pending");
		// then the paid one
		ObjectNode paid = order(id, this.partner.code());
		assertThat(deliver(paid, "order.created")).isEqualTo("applied");
		assertThat(this.http.orders(orderId)).isEqualTo(1);
		assertThat(this.http.commissions(orderId)).hasSize(2).allSatisfy(c -> assertThat(c).contains(" refunded "));
		assertThat(this.http.refundStatus("woo-refund:" + refund)).isEqualTo("applied");
	}

	@Test
	void aPartnerCouponWinsOverTheReferral() {
		PartnerSummary owner = this.f.partner(this.program);
		String code = "WOO" + ShopHttp.unique().toUpperCase();
		this.coupons.create(owner.id(), code, null);
		long id = ShopHttp.uniqueId();
		ObjectNode order = order(id, this.partner.code());
		// a store coupon first (not a partner's), then the partner's, in another case
		ArrayNode lines = order.putArray("coupon_lines");
		lines.addObject().put("id", 1).put("code", "summer-sale").put("discount", "5.00");
		lines.addObject().put("id", 2).put("code", code.toLowerCase()).put("discount", "5.00");
		assertThat(deliver(order, "order.created")).isEqualTo("applied");
		assertThat(this.http.order("woo:" + id).get("coupon_code")).isEqualTo(code);
		assertThat(this.http.commissions("woo:" + id))
			.containsExactly(owner.code() + " 1 10.00 pending (tier 1: coupon " + code + " of " + owner.code() + ")");
	}

	@Test
	void badSignaturesAndMalformedDeliveriesAre400AndStoreNothing() {
		Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		ListAppender<ILoggingEvent> logs = new ListAppender<>();
		logs.start();
		root.addAppender(logs);
		long before = this.http.deliveries("woocommerce");
		long id = ShopHttp.uniqueId();
		try {
			String body = order(id, this.partner.code()).toString();
			List<HttpResponse<String>> refused = List
				.of(post(body, "order.created", ShopHttp.unique(), ShopHttp.sign(body, "another-shops-secret")),
						post(body.replace("John", "Joan"), "order.created", ShopHttp.unique(),
								ShopHttp.sign(body, SECRET)),
						post(body, "order.created", ShopHttp.unique(), null),
						post(body, "order.created", ShopHttp.unique(), "not base64 at all"),
						post(body, "order.created", null, ShopHttp.sign(body, SECRET)), // no
																						// delivery
																						// id
						post("{\"id\": ", "order.created", ShopHttp.unique(), ShopHttp.sign("{\"id\": ", SECRET)),
						post("[1, 2]", "order.created", ShopHttp.unique(), ShopHttp.sign("[1, 2]", SECRET)));
			for (HttpResponse<String> response : refused) {
				assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
				assertThat(response.headers().firstValue("Content-Type").orElse(""))
					.startsWith("application/problem+json");
				assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.");
			}
		}
		finally {
			root.detachAppender(logs);
		}
		assertThat(this.http.orders("woo:" + id)).isZero();
		assertThat(this.http.deliveries("woocommerce")).isEqualTo(before);
		assertThat(logs.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.ERROR)).isEmpty();
	}

	@Test
	void withoutASecretDeliveriesAre503AndThePingOnSavingIs200() {
		long before = this.http.deliveries("woocommerce");
		// WooCommerce pings the URL, unsigned, when the webhook is saved
		HttpResponse<String> ping = this.http.post("/webhooks/woocommerce", "webhook_id=12",
				"application/x-www-form-urlencoded",
				Map.of("User-Agent", "WooCommerce/9.4.2 Hookshot (WordPress/6.7)"));
		assertThat(ping.statusCode()).as(ping.body()).isEqualTo(200);
		assertThat(ShopHttp.outcome(ping)).isEqualTo("ping");
		long id = ShopHttp.uniqueId();
		String body = order(id, this.partner.code()).toString();
		this.settings.clearSecret(Integration.WOOCOMMERCE);
		try {
			HttpResponse<String> noSecret = post(body, "order.created", ShopHttp.unique(), ShopHttp.sign(body, SECRET));
			assertThat(noSecret.statusCode()).isEqualTo(503);
			assertThat(noSecret.headers().firstValue("Retry-After")).hasValue("60");
			assertThat(noSecret.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
			// the ping still saves
			assertThat(this.http
				.post("/webhooks/woocommerce", "webhook_id=12", "application/x-www-form-urlencoded", Map.of())
				.statusCode()).isEqualTo(200);
		}
		finally {
			this.settings.setSecret(Integration.WOOCOMMERCE, SECRET);
		}
		assertThat(this.http.orders("woo:" + id)).isZero();
		assertThat(this.http.deliveries("woocommerce")).isEqualTo(before);
	}

}
