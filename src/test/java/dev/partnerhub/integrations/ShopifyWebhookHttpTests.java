package dev.partnerhub.integrations;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.HashMap;
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
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Shopify webhook over real HTTP, in the same context as
 * {@link StripeWebhookHttpTests} (the same annotations, so no second app starts): Shopify
 * REST JSON ({@code src/test/resources/shopify}: an order of {@code orders/paid}, a
 * refund of {@code refunds/create}) signed as Shopify signs it,
 * {@code X-Shopify-Hmac-Sha256} = base64 of the HMAC-SHA256 of the body. The secret is
 * set as the console sets it.
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
class ShopifyWebhookHttpTests {

	static final String SECRET = "5f6b0c1d2e3f405162738495a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f";

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
		this.settings.setSecret(Integration.SHOPIFY, SECRET);
	}

	/**
	 * A paid order of 108.00 USD (2 × 50.00, 8.00 tax): 100.00 booked, its sku unique,
	 * referred by a note attribute.
	 */
	ObjectNode order(long id, String referral) {
		ObjectNode order = ShopHttp.fixture("shopify/orders-paid.json");
		order.put("id", id);
		String email = "buyer-" + ShopHttp.unique() + "@customers.example.com";
		order.put("email", email).put("contact_email", email);
		((ObjectNode) order.get("line_items").get(0)).put("sku", "IPOD-" + ShopHttp.unique());
		if (referral != null) {
			order.putArray("note_attributes").addObject().put("name", "ph_ref").put("value", referral);
		}
		return order;
	}

	/**
	 * A refund of {@code order}: a successful refund transaction of {@code amount} (of
	 * the 108.00 paid).
	 */
	static ObjectNode refund(long refundId, long orderId, String amount) {
		ObjectNode refund = ShopHttp.fixture("shopify/refunds-create.json");
		refund.put("id", refundId);
		refund.put("order_id", orderId);
		((ObjectNode) refund.get("transactions").get(0)).put("amount", amount).put("order_id", orderId);
		return refund;
	}

	HttpResponse<String> post(String body, String topic, String webhookId, String signature) {
		Map<String, String> headers = new HashMap<>();
		headers.put("X-Shopify-Shop-Domain", "jsmith.myshopify.com");
		headers.put("X-Shopify-API-Version", "2025-10");
		headers.put("X-Shopify-Triggered-At", "2026-03-22T16:00:00.000Z");
		if (topic != null) {
			headers.put("X-Shopify-Topic", topic);
		}
		if (webhookId != null) {
			headers.put("X-Shopify-Webhook-Id", webhookId);
		}
		if (signature != null) {
			headers.put("X-Shopify-Hmac-Sha256", signature);
		}
		return this.http.post("/webhooks/shopify", body, "application/json", headers);
	}

	String deliver(ObjectNode payload, String topic, String webhookId) {
		String body = payload.toString();
		HttpResponse<String> response = post(body, topic, webhookId, ShopHttp.sign(body, SECRET));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return ShopHttp.outcome(response);
	}

	String deliver(ObjectNode payload, String topic) {
		return deliver(payload, topic, "b54557e4-bdd9-4b37-8a5f-" + ShopHttp.unique());
	}

	@Test
	void aPaidOrderIsBookedOnceWhateverHowOftenItIsDelivered() {
		long id = ShopHttp.uniqueId();
		String orderId = "shopify:" + id;
		ObjectNode order = order(id, this.partner.code());
		String webhookId = ShopHttp.unique();
		assertThat(deliver(order, "orders/paid", webhookId)).isEqualTo("applied");
		Map<String, Object> booked = this.http.order(orderId);
		assertThat((BigDecimal) booked.get("total")).isEqualByComparingTo("100.00");
		assertThat(this.http.commissions(orderId)).containsExactly(
				this.partner.code() + " 1 10.00 pending (tier 1: last referrer " + this.partner.code() + ")",
				this.parent.code() + " 2 5.00 pending (tier 2: parent of " + this.partner.code() + ")");
		String sku = order.get("line_items").get(0).get("sku").asString();
		assertThat(this.programs.findProductBySku(sku)).isPresent();
		// Shopify retries the same webhook id; another subscription's delivery of it has
		// another id
		assertThat(deliver(order, "orders/paid", webhookId)).isEqualTo("duplicate");
		assertThat(deliver(order, "orders/paid")).isEqualTo("ignored");
		assertThat(deliver(order, "orders/create")).isEqualTo("ignored");
		assertThat(this.http.orders(orderId)).isEqualTo(1);
		assertThat(this.http.commissions(orderId)).hasSize(2);
	}

	@Test
	void tenConcurrentDeliveriesOfOneOrderBookOneOrder() throws Exception {
		long id = ShopHttp.uniqueId();
		String body = order(id, this.partner.code()).toString();
		String signature = ShopHttp.sign(body, SECRET);
		String webhookId = ShopHttp.unique();
		List<String> outcomes = ShopHttp.concurrently(10, () -> post(body, "orders/paid", webhookId, signature));
		assertThat(outcomes).filteredOn("applied"::equals).hasSize(1);
		assertThat(outcomes).filteredOn("duplicate"::equals).hasSize(9);
		assertThat(this.http.orders("shopify:" + id)).isEqualTo(1);
		assertThat(this.http.commissions("shopify:" + id)).hasSize(2);
	}

	@Test
	void aPartialThenTheFullRefundReduceThenRefundTheCommissions() {
		long id = ShopHttp.uniqueId();
		String orderId = "shopify:" + id;
		deliver(order(id, this.partner.code()), "orders/paid");
		long first = ShopHttp.uniqueId();
		// 27.00 of the 108.00 paid back: a quarter of the 100.00 booked
		ObjectNode quarter = refund(first, id, "27.00");
		String webhookId = ShopHttp.unique();
		assertThat(deliver(quarter, "refunds/create", webhookId)).isEqualTo("applied");
		assertThat(deliver(quarter, "refunds/create", webhookId)).isEqualTo("duplicate");
		assertThat(deliver(quarter, "refunds/create")).isEqualTo("ignored"); // the same
																				// refund,
																				// another
																				// delivery
		assertThat(this.http.refunds(orderId)).containsExactly("shopify-refund:" + first + " 25.00");
		assertThat(this.http.commissions(orderId)).containsExactly(
				this.partner.code() + " 1 7.50 pending (tier 1: last referrer " + this.partner.code() + ")",
				this.parent.code() + " 2 3.75 pending (tier 2: parent of " + this.partner.code() + ")");
		// the rest: 81.00 brings the refunds to what was paid, so it takes whatever is
		// left
		long second = ShopHttp.uniqueId();
		assertThat(deliver(refund(second, id, "81.00"), "refunds/create")).isEqualTo("applied");
		assertThat(this.http.refunds(orderId)).containsExactly("shopify-refund:" + first + " 25.00",
				"shopify-refund:" + second + " 75.00");
		assertThat(this.http.commissions(orderId)).allSatisfy(c -> assertThat(c).contains(" refunded "));
		// a refund without a transaction (refunded lines only) is a refund of their net
		// subtotal; a restock is nothing
		ObjectNode restock = refund(ShopHttp.uniqueId(), id, "0.00");
		restock.putArray("transactions");
		restock.putArray("refund_line_items");
		assertThat(deliver(restock, "refunds/create")).isEqualTo("ignored");
	}

	@Test
	void aRefundBeforeItsOrderIsKeptAndAppliedWhenTheOrderArrives() {
		long id = ShopHttp.uniqueId();
		String orderId = "shopify:" + id;
		long refundId = ShopHttp.uniqueId();
		// refunded lines without a transaction: one of the two 50.00 lines, net
		ObjectNode early = refund(refundId, id, "0.00");
		early.putArray("transactions");
		assertThat(deliver(early, "refunds/create")).isEqualTo("pending");
		assertThat(this.http.orders(orderId)).isZero();
		assertThat(this.http.refundStatus("shopify-refund:" + refundId)).isEqualTo("pending");
		assertThat(deliver(order(id, this.partner.code()), "orders/paid")).isEqualTo("applied");
		assertThat(this.http.refunds(orderId)).containsExactly("shopify-refund:" + refundId + " 50.00");
		assertThat(this.http.commissions(orderId)).first().asString().startsWith(this.partner.code() + " 1 5.00 ");
		assertThat(this.http.refundStatus("shopify-refund:" + refundId)).isEqualTo("applied");
	}

	@Test
	void aPartnerCouponWinsOverTheNoteAttribute() {
		PartnerSummary owner = this.f.partner(this.program);
		String code = "SHOP" + ShopHttp.unique().toUpperCase();
		this.coupons.create(owner.id(), code, null);
		long id = ShopHttp.uniqueId();
		ObjectNode order = order(id, this.partner.code());
		order.putArray("discount_codes").addObject().put("code", code).put("amount", "0.00").put("type", "percentage");
		assertThat(deliver(order, "orders/paid")).isEqualTo("applied");
		assertThat(this.http.order("shopify:" + id).get("coupon_code")).isEqualTo(code);
		assertThat(this.http.commissions("shopify:" + id))
			.containsExactly(owner.code() + " 1 10.00 pending (tier 1: coupon " + code + " of " + owner.code() + ")");
	}

	@Test
	void badSignaturesAndMalformedDeliveriesAre400AndWithoutASecret503() {
		Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		ListAppender<ILoggingEvent> logs = new ListAppender<>();
		logs.start();
		root.addAppender(logs);
		long before = this.http.deliveries("shopify");
		long id = ShopHttp.uniqueId();
		String body = order(id, this.partner.code()).toString();
		try {
			List<HttpResponse<String>> refused = List
				.of(post(body, "orders/paid", ShopHttp.unique(), ShopHttp.sign(body, "another-apps-secret")),
						post(body.replace("IPod", "IPad"), "orders/paid", ShopHttp.unique(),
								ShopHttp.sign(body, SECRET)),
						post(body, "orders/paid", ShopHttp.unique(), null),
						post(body, null, ShopHttp.unique(), ShopHttp.sign(body, SECRET)), // no
																							// topic
						post("not json", "orders/paid", ShopHttp.unique(), ShopHttp.sign("not json", SECRET)));
			for (HttpResponse<String> response : refused) {
				assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
				assertThat(response.headers().firstValue("Content-Type").orElse(""))
					.startsWith("application/problem+json");
			}
			this.settings.clearSecret(Integration.SHOPIFY);
			HttpResponse<String> noSecret = post(body, "orders/paid", ShopHttp.unique(), ShopHttp.sign(body, SECRET));
			assertThat(noSecret.statusCode()).isEqualTo(503);
			assertThat(noSecret.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		}
		finally {
			root.detachAppender(logs);
			this.settings.setSecret(Integration.SHOPIFY, SECRET);
		}
		assertThat(this.http.orders("shopify:" + id)).isZero();
		assertThat(this.http.deliveries("shopify")).isEqualTo(before);
		assertThat(logs.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.ERROR)).isEmpty();
	}

	@Test
	void anOrderThatCannotBeBookedIsRecordedAsRejectedOnce() {
		ObjectNode order = order(ShopHttp.uniqueId(), this.partner.code());
		order.remove("email");
		order.remove("contact_email");
		((ObjectNode) order.get("customer")).remove("email");
		String webhookId = ShopHttp.unique();
		assertThat(deliver(order, "orders/paid", webhookId)).isEqualTo("rejected");
		assertThat(deliver(order, "orders/paid", webhookId)).isEqualTo("duplicate");
		assertThat(this.jdbc
			.sql("select outcome from shop_webhook_delivery where provider = 'shopify' and delivery_id = :id")
			.param("id", webhookId)
			.query(String.class)
			.single()).isEqualTo("rejected");
	}

}
