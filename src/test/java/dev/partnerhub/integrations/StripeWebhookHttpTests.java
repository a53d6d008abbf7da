package dev.partnerhub.integrations;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.stripe.net.Webhook;
import dev.partnerhub.IntegrationTest;
import dev.partnerhub.TestDatabaseConfiguration;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.integrations.domain.StripeIngestion;
import dev.partnerhub.orders.OrderFixtures;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.CouponService;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Stripe webhook over real HTTP: the app on a random port (its own context and
 * database: the shared {@code @IntegrationTest} context has no server), events built from
 * Stripe's documented payloads ({@code src/test/resources/stripe}, from the fixtures of
 * github.com/stripe/openapi, API version 2025-11-17.clover) and signed as Stripe signs
 * them: {@code Stripe-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "t.body">}.
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
class StripeWebhookHttpTests {

	static final String SECRET = "whsec_test_Zm9yIHBhcnRuZXJodWIgdGVzdHMgb25seQ";

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

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
	StripeIngestion ingestion;

	@Autowired
	JdbcClient jdbc;

	OrderFixtures f;

	ProgramSummary program;

	PartnerSummary parent;

	PartnerSummary partner;

	@BeforeEach
	void setUp() {
		this.f = new OrderFixtures(this.programs, this.partners, this.contacts, null);
		this.program = this.f.program(2, Rate.percent("10"), Rate.percent("5"));
		this.parent = this.f.partner(this.program);
		this.partner = this.f.partner(this.program, this.parent, PartnerStatus.APPROVED);
	}

	// --- building, signing and sending events

	static String unique() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 14);
	}

	/** A fixture event with a fresh id, created now. */
	static ObjectNode event(String fixture) {
		try (InputStream in = StripeWebhookHttpTests.class.getResourceAsStream("/stripe/" + fixture)) {
			ObjectNode event = (ObjectNode) JSON.readTree(in);
			event.put("id", "evt_" + unique());
			event.put("created", Instant.now().getEpochSecond());
			return event;
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	static ObjectNode object(ObjectNode event) {
		return (ObjectNode) event.get("data").get("object");
	}

	static String header(String payload, long timestamp, String secret) {
		try {
			return "t=" + timestamp + ",v1=" + Webhook.Util.computeHmacSha256(secret, timestamp + "." + payload);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	HttpResponse<String> post(String payload, String signature) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/webhooks/stripe"))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json; charset=utf-8")
			.header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
			.POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8));
		if (signature != null) {
			request.header("Stripe-Signature", signature);
		}
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Signs the event as Stripe does, now, and posts it; expects 200 and answers the
	 * outcome.
	 */
	String deliver(ObjectNode event) {
		String payload = event.toString();
		HttpResponse<String> response = post(payload, header(payload, Instant.now().getEpochSecond(), SECRET));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body()).get("outcome").asString();
	}

	// --- reading what was booked

	Map<String, Object> order(String orderId) {
		return this.jdbc.sql("""
				select o.order_id, o.status, o.recurring, o.currency, o.total, o.coupon_code, ct.email,
				       (select count(*) from order_charge ch where ch.order_id = o.id) as charges
				from customer_order o join contact ct on ct.id = o.contact_id where o.order_id = :id
				""").param("id", orderId).query().singleRow();
	}

	long orders(String orderId) {
		return this.jdbc.sql("select count(*) from customer_order where order_id = :id")
			.param("id", orderId)
			.query(Long.class)
			.single();
	}

	/**
	 * "partner tier amount status (reason)" per commission of the order, oldest first,
	 * clawbacks included.
	 */
	List<String> commissions(String orderId) {
		return this.jdbc.sql("""
				select p.code, c.tier, c.amount, c.status, c.reason from commission c
				join customer_order o on o.id = c.order_id join partner p on p.id = c.partner_id
				where o.order_id = :id order by c.id
				""")
			.param("id", orderId)
			.query((rs, n) -> rs.getString("code") + " " + rs.getInt("tier") + " "
					+ rs.getBigDecimal("amount").toPlainString() + " " + rs.getString("status") + " ("
					+ rs.getString("reason") + ")")
			.list();
	}

	String outcomeOf(String eventId) {
		return this.jdbc.sql("select outcome from stripe_event where event_id = :id")
			.param("id", eventId)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	/**
	 * A paid Checkout Session in payment mode, 108.00 USD of which 8.00 tax: 100.00
	 * booked.
	 */
	ObjectNode paymentSession(String sessionId, String paymentIntent, String email) {
		ObjectNode event = event("checkout.session.completed.payment.json");
		ObjectNode session = object(event);
		session.put("id", sessionId);
		session.put("payment_intent", paymentIntent);
		((ObjectNode) session.get("customer_details")).put("email", email);
		return event;
	}

	static String buyer() {
		return "buyer-" + unique() + "@customers.example.com";
	}

	// --- checkout.session.completed (payment)

	@Test
	void aPaidCheckoutSessionBooksOneOrderCreditingItsReferralOnce() {
		String session = "cs_test_" + unique();
		ObjectNode event = paymentSession(session, "pi_" + unique(), buyer());
		object(event).put("client_reference_id", this.partner.code());

		assertThat(deliver(event)).isEqualTo("applied");
		Map<String, Object> order = order("stripe:" + session);
		assertThat(order.get("currency")).isEqualTo("USD");
		assertThat((BigDecimal) order.get("total")).isEqualByComparingTo("100.00"); // without
																					// the
																					// 8.00
																					// tax
		assertThat(order.get("recurring")).isEqualTo(false);
		assertThat(commissions("stripe:" + session)).containsExactly(
				this.partner.code() + " 1 10.00 pending (tier 1: last referrer " + this.partner.code() + ")",
				this.parent.code() + " 2 5.00 pending (tier 2: parent of " + this.partner.code() + ")");

		// the same event again (Stripe retries until it sees a 2xx): nothing more
		assertThat(deliver(event)).isEqualTo("duplicate");
		assertThat(orders("stripe:" + session)).isEqualTo(1);
		assertThat(commissions("stripe:" + session)).hasSize(2);
		// the same session in another event (async_payment_succeeded after completed):
		// still one order
		ObjectNode again = event("checkout.session.completed.payment.json");
		again.put("type", "checkout.session.async_payment_succeeded");
		again.set("data", event.get("data"));
		assertThat(deliver(again)).isEqualTo("ignored");
		assertThat(commissions("stripe:" + session)).hasSize(2);
	}

	@Test
	void theReferralMayComeAsMetadataAndTheLineItemsAsMappedStripePrices() {
		ProductSummary course = this.programs.createProduct("course-" + unique(), "Course", new BigDecimal("3000"),
				"JPY", "price_" + unique());
		// a JPY sale on a USD program is converted at a stored rate (without one: 422,
		// and Stripe retries)
		this.jdbc.sql("""
				insert into exchange_rate (base, quote, day, rate, created_by)
				values ('JPY', 'USD', date '2000-01-01', 0.01, 'test') on conflict do nothing
				""").update();
		String session = "cs_test_" + unique();
		ObjectNode event = paymentSession(session, "pi_" + unique(), buyer());
		ObjectNode object = object(event);
		object.put("currency", "jpy");
		object.put("amount_total", 9000);
		((ObjectNode) object.get("metadata")).put("partnerhub_referral", this.partner.code());
		// line_items are present when the sender expanded them: 3 × ¥3,000, and ¥1,000 of
		// an unmapped price
		ObjectNode lineItems = object.putObject("line_items");
		lineItems.put("object", "list");
		lineItems.put("has_more", false);
		ArrayNode data = lineItems.putArray("data");
		ObjectNode item = data.addObject();
		item.put("id", "li_" + unique());
		item.put("object", "item");
		item.put("amount_subtotal", 9000);
		item.put("amount_discount", 0);
		item.put("amount_tax", 0);
		item.put("amount_total", 9000);
		item.put("currency", "jpy");
		item.put("description", "Course");
		item.put("quantity", 3);
		item.putObject("price")
			.put("id", course.stripePriceId())
			.put("object", "price")
			.put("product", "prod_" + unique());
		String unmapped = "price_" + unique();
		ObjectNode other = data.addObject();
		other.put("id", "li_" + unique());
		other.put("amount_total", 1100);
		other.put("amount_tax", 100);
		other.put("description", "Workbook");
		other.put("quantity", 1);
		other.putObject("price").put("id", unmapped).put("product", "prod_" + unique());

		assertThat(deliver(event)).isEqualTo("applied");
		assertThat(this.jdbc.sql("""
				select i.sku || ' ' || i.quantity || ' ' || i.unit_price from order_item i
				join customer_order o on o.id = i.order_id where o.order_id = :id order by i.line_no
				""").param("id", "stripe:" + session).query(String.class).list())
			// yen have no minor unit: 9000 is ¥9,000, not ¥90.00; an unmapped price
			// becomes a product of its own
			.containsExactly(course.sku() + " 3 3000.00", unmapped + " 1 1000.00");
		assertThat(order("stripe:" + session).get("currency")).isEqualTo("JPY");
		assertThat(commissions("stripe:" + session)).first().asString().startsWith(this.partner.code() + " 1 ");
	}

	@Test
	void anUnpaidSessionWaitsForItsAsyncPayment() {
		String session = "cs_test_" + unique();
		String pi = "pi_" + unique();
		String email = buyer();
		ObjectNode event = paymentSession(session, pi, email);
		object(event).put("payment_status", "unpaid");
		assertThat(deliver(event)).isEqualTo("ignored");
		assertThat(orders("stripe:" + session)).isZero();

		ObjectNode paid = paymentSession(session, pi, email);
		paid.put("type", "checkout.session.async_payment_succeeded");
		assertThat(deliver(paid)).isEqualTo("applied");
		assertThat(orders("stripe:" + session)).isEqualTo(1);
	}

	@Test
	void aPartnerCouponOfTheSessionWinsOverItsReferral() {
		PartnerSummary owner = this.f.partner(this.program);
		String code = "SAVE" + unique().toUpperCase();
		String promotion = "promo_" + unique();
		this.coupons.create(owner.id(), code, promotion);
		String session = "cs_test_" + unique();
		ObjectNode event = paymentSession(session, "pi_" + unique(), buyer());
		ObjectNode object = object(event);
		object.put("client_reference_id", this.partner.code());
		// as Stripe sends it: the promotion code's id, not expanded
		object.putArray("discounts").addObject().putNull("coupon").put("promotion_code", promotion);

		assertThat(deliver(event)).isEqualTo("applied");
		assertThat(order("stripe:" + session).get("coupon_code")).isEqualTo(code);
		assertThat(commissions("stripe:" + session))
			.containsExactly(owner.code() + " 1 10.00 pending (tier 1: coupon " + code + " of " + owner.code() + ")");

		// expanded promotion code objects carry the code itself; a disabled coupon
		// credits nobody by the coupon
		String disabled = "OFF" + unique().toUpperCase();
		this.coupons.create(owner.id(), disabled, null);
		this.coupons.disable(owner.id(), disabled);
		String second = "cs_test_" + unique();
		ObjectNode next = paymentSession(second, "pi_" + unique(), buyer());
		object(next).put("client_reference_id", this.partner.code());
		object(next).putArray("discounts")
			.addObject()
			.putObject("promotion_code")
			.put("id", "promo_" + unique())
			.put("object", "promotion_code")
			.put("code", disabled);
		assertThat(deliver(next)).isEqualTo("applied");
		assertThat(commissions("stripe:" + second)).first().asString().startsWith(this.partner.code() + " 1 10.00");
	}

	// --- subscriptions: checkout.session.completed (subscription), invoice.paid,
	// customer.subscription.deleted

	ObjectNode subscriptionSession(String subscription, String email) {
		ObjectNode event = event("checkout.session.completed.subscription.json");
		ObjectNode session = object(event);
		session.put("id", "cs_test_" + unique());
		session.put("subscription", subscription);
		((ObjectNode) session.get("customer_details")).put("email", email);
		return event;
	}

	/** A paid invoice of the subscription: 20.00 USD of the plan's price. */
	ObjectNode invoice(String subscription, String invoiceId, String billingReason, String priceId) {
		ObjectNode event = event("invoice.paid.json");
		ObjectNode invoice = object(event);
		invoice.put("id", invoiceId);
		invoice.put("billing_reason", billingReason);
		((ObjectNode) invoice.get("parent").get("subscription_details")).put("subscription", subscription);
		ObjectNode line = (ObjectNode) invoice.get("lines").get("data").get(0);
		line.put("invoice", invoiceId);
		((ObjectNode) line.get("pricing").get("price_details")).put("price", priceId);
		return event;
	}

	@Test
	void aSubscriptionOpensARecurringOrderChargesItsRenewalsAndClosesOnDeletion() {
		ProductSummary plan = this.programs.createProduct("pro-" + unique(), "Pro plan", new BigDecimal("20.00"), "USD",
				"price_" + unique());
		String subscription = "sub_" + unique();
		String orderId = "stripe:" + subscription;
		ObjectNode session = subscriptionSession(subscription, buyer());
		object(session).put("client_reference_id", this.partner.code());
		assertThat(deliver(session)).isEqualTo("applied");
		assertThat(orders(orderId)).isZero(); // the first invoice opens it

		String first = "in_" + unique();
		assertThat(deliver(invoice(subscription, first, "subscription_create", plan.stripePriceId())))
			.isEqualTo("applied");
		Map<String, Object> order = order(orderId);
		assertThat(order.get("status")).isEqualTo("open");
		assertThat(order.get("recurring")).isEqualTo(true);
		assertThat((BigDecimal) order.get("total")).isEqualByComparingTo("20.00");
		assertThat(this.jdbc
			.sql("select i.sku from order_item i join customer_order o on o.id = i.order_id where o.order_id = :id")
			.param("id", orderId)
			.query(String.class)
			.single()).isEqualTo(plan.sku());
		assertThat(commissions(orderId)).containsExactly(
				this.partner.code() + " 1 2.00 pending (tier 1: last referrer " + this.partner.code() + ")",
				this.parent.code() + " 2 1.00 pending (tier 2: parent of " + this.partner.code() + ")");

		String renewal = "in_" + unique();
		assertThat(deliver(invoice(subscription, renewal, "subscription_cycle", plan.stripePriceId())))
			.isEqualTo("applied");
		assertThat(this.jdbc.sql("""
				select ch.charge_id || ' ' || ch.amount from order_charge ch join customer_order o on o.id = ch.order_id
				where o.order_id = :id""").param("id", orderId).query(String.class).list())
			.containsExactly(renewal + " 20.00");
		assertThat(commissions(orderId)).hasSize(4)
			.element(2)
			.asString()
			.isEqualTo(this.partner.code() + " 1 2.00 pending (tier 1: last referrer " + this.partner.code()
					+ ", charge " + renewal + ")");

		ObjectNode deleted = event("customer.subscription.deleted.json");
		object(deleted).put("id", subscription);
		assertThat(deliver(deleted)).isEqualTo("applied");
		assertThat(order(orderId).get("status")).isEqualTo("closed");
	}

	@Test
	void aFirstInvoiceBeforeItsSessionWaitsForIt() {
		String subscription = "sub_" + unique();
		String orderId = "stripe:" + subscription;
		String price = "price_" + unique();
		ObjectNode invoice = invoice(subscription, "in_" + unique(), "subscription_create", price);
		assertThat(deliver(invoice)).isEqualTo("pending");
		assertThat(orders(orderId)).isZero();

		ObjectNode session = subscriptionSession(subscription, buyer());
		object(session).put("client_reference_id", this.partner.code());
		assertThat(deliver(session)).isEqualTo("applied");
		assertThat(order(orderId).get("status")).isEqualTo("open");
		assertThat(commissions(orderId)).first().asString().startsWith(this.partner.code() + " 1 2.00 pending");
		// the product of an unmapped price is named by it
		assertThat(this.programs.findProductBySku(price)).isPresent();
	}

	@Test
	void aFirstInvoiceWithoutSessionIsBookedAfterTheWait() {
		String subscription = "sub_" + unique();
		String email = buyer();
		// the buyer was referred earlier (his referral info credits later purchases)
		this.f.partner(this.program); // noise
		ObjectNode earlier = paymentSession("cs_test_" + unique(), "pi_" + unique(), email);
		object(earlier).put("client_reference_id", this.partner.code());
		deliver(earlier);
		ObjectNode invoice = invoice(subscription, "in_" + unique(), "subscription_create", "price_" + unique());
		((ObjectNode) object(invoice)).put("customer_email", email);
		assertThat(deliver(invoice)).isEqualTo("pending");

		this.ingestion.openWaiting(Instant.now().plus(Duration.ofMinutes(5)));
		assertThat(orders("stripe:" + subscription)).isZero(); // not before the wait is
																// over
		assertThat(this.ingestion.openWaiting(Instant.now().plus(Duration.ofMinutes(11)))).isPositive();
		assertThat(order("stripe:" + subscription).get("status")).isEqualTo("open");
		assertThat(commissions("stripe:" + subscription)).first()
			.asString()
			.startsWith(this.partner.code() + " 1 2.00");
	}

	// --- charge.refunded

	ObjectNode refund(String chargeId, String paymentIntent, long amount, long refunded) {
		ObjectNode event = event("charge.refunded.json");
		ObjectNode charge = object(event);
		charge.put("id", chargeId);
		charge.put("payment_intent", paymentIntent);
		charge.put("amount", amount);
		charge.put("amount_captured", amount);
		charge.put("amount_refunded", refunded);
		charge.put("refunded", refunded >= amount);
		return event;
	}

	@Test
	void partialAndFullRefundsReduceThenRefundAndAfterPayoutClawBack() {
		String session = "cs_test_" + unique();
		String pi = "pi_" + unique();
		String charge = "ch_" + unique();
		String orderId = "stripe:" + session;
		ObjectNode paid = paymentSession(session, pi, buyer());
		object(paid).put("client_reference_id", this.partner.code());
		deliver(paid);

		// a quarter of the 108.00 charge: a quarter of what was booked (100.00); the
		// refund as listed when expanded
		ObjectNode quarter = refund(charge, pi, 10800, 2700);
		ObjectNode first = (ObjectNode) JSON
			.readTree(StripeWebhookHttpTests.class.getResourceAsStream("/stripe/refund.json"));
		first.put("id", "re_first_" + unique()).put("amount", 2700).put("charge", charge).put("payment_intent", pi);
		ObjectNode listing = object(quarter).putObject("refunds");
		listing.put("object", "list");
		listing.put("has_more", false);
		listing.putArray("data").add(first);
		assertThat(deliver(quarter)).isEqualTo("applied");
		assertThat(commissions(orderId)).containsExactly(
				this.partner.code() + " 1 7.50 pending (tier 1: last referrer " + this.partner.code() + ")",
				this.parent.code() + " 2 3.75 pending (tier 2: parent of " + this.partner.code() + ")");
		assertThat(this.jdbc.sql("""
				select r.amount from order_refund r join customer_order o on o.id = r.order_id where o.order_id = :id
				""").param("id", orderId).query(BigDecimal.class).single()).isEqualByComparingTo("25.00");

		// the partner was paid meanwhile; the rest is refunded: his commission is clawed
		// back, the parent's refunded
		this.jdbc.sql("""
				update commission set status = 'paid', paid_at = now(), approved_at = now()
				where tier = 1 and order_id = (select id from customer_order where order_id = :id)
				""").param("id", orderId).update();
		ObjectNode rest = refund(charge, pi, 10800, 10800);
		ObjectNode refunds = object(rest).putObject("refunds");
		refunds.put("object", "list");
		refunds.put("has_more", false);
		ObjectNode second = first.deepCopy().put("id", "re_rest_" + unique()).put("amount", 8100);
		refunds.putArray("data").add(second).add(first);
		String outcome = deliver(rest);
		assertThat(outcome).isEqualTo("applied");
		assertThat(commissions(orderId)).containsExactly(
				this.partner.code() + " 1 7.50 paid (tier 1: last referrer " + this.partner.code() + ")",
				this.parent.code() + " 2 3.75 refunded (tier 2: parent of " + this.partner.code() + ")",
				this.partner.code() + " 1 -7.50 approved (clawback of commission " + this.jdbc.sql(
						"select min(c.id) from commission c join customer_order o on o.id = c.order_id where o.order_id = :id")
					.param("id", orderId)
					.query(Long.class)
					.single() + ": refund " + second.get("id").asString() + ")");
		assertThat(this.jdbc.sql("select refund_id from stripe_refund where stripe_charge = :ch order by created_at")
			.param("ch", charge)
			.query(String.class)
			.list()).containsExactly(first.get("id").asString(), second.get("id").asString());
		// the same state again without a list (another event of the same refund): nothing
		// more
		assertThat(deliver(refund(charge, pi, 10800, 10800))).isEqualTo("ignored");
	}

	@Test
	void aRefundBeforeItsOrderIsKeptAndAppliedWhenTheOrderArrives() {
		String session = "cs_test_" + unique();
		String pi = "pi_" + unique();
		ObjectNode early = refund("ch_" + unique(), pi, 10800, 10800);
		assertThat(deliver(early)).isEqualTo("pending");
		assertThat(orders("stripe:" + session)).isZero();

		ObjectNode paid = paymentSession(session, pi, buyer());
		object(paid).put("client_reference_id", this.partner.code());
		assertThat(deliver(paid)).isEqualTo("applied");
		assertThat(commissions("stripe:" + session)).allSatisfy(c -> assertThat(c).contains(" refunded "));
		assertThat(this.jdbc.sql("select status from stripe_refund where event_id = :e")
			.param("e", early.get("id").asString())
			.query(String.class)
			.single()).isEqualTo("applied");
	}

	@Test
	void aRenewalsRefundReducesOnlyThatMonthAndMayComeBeforeTheInvoice() {
		String subscription = "sub_" + unique();
		String orderId = "stripe:" + subscription;
		String price = "price_" + unique();
		ObjectNode session = subscriptionSession(subscription, buyer());
		object(session).put("client_reference_id", this.partner.code());
		deliver(session);
		deliver(invoice(subscription, "in_" + unique(), "subscription_create", price));
		String renewal = "in_" + unique();
		String pi = "pi_" + unique();
		// clover: the charge no longer names its invoice; invoice_payment.paid says which
		// payment paid it
		ObjectNode refund = refund("ch_" + unique(), pi, 2000, 2000);
		assertThat(deliver(refund)).isEqualTo("pending");
		ObjectNode payment = event("invoice_payment.paid.json");
		object(payment).put("invoice", renewal);
		((ObjectNode) object(payment).get("payment")).put("payment_intent", pi);
		assertThat(deliver(payment)).isEqualTo("applied");
		assertThat(deliver(invoice(subscription, renewal, "subscription_cycle", price))).isEqualTo("applied");

		List<String> all = commissions(orderId);
		assertThat(all).hasSize(4);
		assertThat(all.subList(0, 2)).allSatisfy(c -> assertThat(c).contains(" pending "));
		assertThat(all.subList(2, 4))
			.allSatisfy(c -> assertThat(c).contains(" refunded ").contains("charge " + renewal));
	}

	@Test
	void olderApiVersionsNameTheSubscriptionAndInvoiceDirectly() {
		String subscription = "sub_" + unique();
		String orderId = "stripe:" + subscription;
		ObjectNode session = subscriptionSession(subscription, buyer());
		object(session).put("client_reference_id", this.partner.code());
		deliver(session);
		String invoiceId = "in_" + unique();
		ObjectNode invoice = invoice(subscription, invoiceId, "subscription_create", "price_x");
		ObjectNode legacy = object(invoice);
		legacy.remove("parent");
		legacy.put("subscription", subscription);
		legacy.put("payment_intent", "pi_" + unique());
		ObjectNode line = (ObjectNode) legacy.get("lines").get("data").get(0);
		line.remove("pricing");
		line.putObject("price").put("id", "price_legacy_" + unique()).put("product", "prod_" + unique());
		assertThat(deliver(invoice)).isEqualTo("applied");
		assertThat(order(orderId).get("status")).isEqualTo("open");

		// a legacy charge names its invoice
		ObjectNode refund = refund("ch_" + unique(), null, 2000, 1000);
		object(refund).put("invoice", invoiceId);
		assertThat(deliver(refund)).isEqualTo("applied");
		assertThat(commissions(orderId)).first().asString().startsWith(this.partner.code() + " 1 1.00 pending");
	}

	// --- exactly once under concurrency

	@Test
	void twentyConcurrentDeliveriesOfOneEventBookOneOrder() throws Exception {
		String session = "cs_test_" + unique();
		ObjectNode event = paymentSession(session, "pi_" + unique(), buyer());
		object(event).put("client_reference_id", this.partner.code());
		String payload = event.toString();
		String signature = header(payload, Instant.now().getEpochSecond(), SECRET);
		ExecutorService pool = Executors.newFixedThreadPool(20);
		CountDownLatch go = new CountDownLatch(1);
		try {
			List<Future<HttpResponse<String>>> calls = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				calls.add(pool.submit(() -> {
					go.await();
					return post(payload, signature);
				}));
			}
			go.countDown();
			List<String> outcomes = new ArrayList<>();
			for (Future<HttpResponse<String>> call : calls) {
				HttpResponse<String> response = call.get();
				assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
				outcomes.add(JSON.readTree(response.body()).get("outcome").asString());
			}
			assertThat(outcomes).filteredOn("applied"::equals).hasSize(1);
			assertThat(outcomes).filteredOn("duplicate"::equals).hasSize(19);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(orders("stripe:" + session)).isEqualTo(1);
		assertThat(commissions("stripe:" + session)).hasSize(2);
		assertThat(this.jdbc.sql("select count(*) from stripe_event where event_id = :id")
			.param("id", event.get("id").asString())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	// --- refused deliveries

	@Test
	void badSignaturesStaleTimestampsAndMalformedBodiesAre400AndStoreNothing() {
		Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		ListAppender<ILoggingEvent> logs = new ListAppender<>();
		logs.start();
		root.addAppender(logs);
		long eventsBefore = this.jdbc.sql("select count(*) from stripe_event").query(Long.class).single();
		try {
			String session = "cs_test_" + unique();
			ObjectNode event = paymentSession(session, "pi_" + unique(), buyer());
			String payload = event.toString();
			long now = Instant.now().getEpochSecond();
			List<HttpResponse<String>> refused = List.of(
					post(payload, header(payload, now, "whsec_someone_else_entirely_0123")), // another
																								// secret
					post(payload, header(payload, now - 301, SECRET)), // older than 5
																		// minutes
					post(payload.replace("Jenny Rosen", "Jenny Rosen "), header(payload, now, SECRET)), // body
																										// changed
					post(payload, null), // no signature
					post(payload, "t=abc,v1=def"), // unreadable header
					post("{\"id\": \"evt_x\", \"type\": ", header("{\"id\": \"evt_x\", \"type\": ", now, SECRET)),
					post("[1, 2, 3]", header("[1, 2, 3]", now, SECRET)), // JSON, but no
																			// event
					post("{\"id\": \"evt_" + unique() + "\", \"object\": \"event\"}",
							header("{\"id\": \"evt_y\", \"object\": \"event\"}", now, SECRET)));
			for (HttpResponse<String> response : refused) {
				assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
				assertThat(response.headers().firstValue("Content-Type").orElse(""))
					.startsWith("application/problem+json");
				assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.");
			}
			String signedNoEvent = "{\"id\": \"evt_z\", \"object\": \"event\"}";
			assertThat(post(signedNoEvent, header(signedNoEvent, now, SECRET)).statusCode()).isEqualTo(400);
			assertThat(orders("stripe:" + session)).isZero();
		}
		finally {
			root.detachAppender(logs);
		}
		assertThat(this.jdbc.sql("select count(*) from stripe_event").query(Long.class).single())
			.isEqualTo(eventsBefore);
		assertThat(logs.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.ERROR)).isEmpty();
	}

	@Test
	void eventsThatCannotBeBookedAreAnswered200OnceAndRecorded() {
		ObjectNode other = event("invoice.paid.json");
		other.put("type", "customer.created");
		assertThat(deliver(other)).isEqualTo("ignored");

		ObjectNode noEmail = paymentSession("cs_test_" + unique(), "pi_" + unique(), buyer());
		((ObjectNode) object(noEmail).get("customer_details")).putNull("email");
		assertThat(deliver(noEmail)).isEqualTo("rejected");
		assertThat(outcomeOf(noEmail.get("id").asString())).isEqualTo("rejected");
		assertThat(deliver(noEmail)).isEqualTo("duplicate");

		ObjectNode badCurrency = paymentSession("cs_test_" + unique(), "pi_" + unique(), buyer());
		object(badCurrency).put("currency", "zzz");
		assertThat(deliver(badCurrency)).isEqualTo("rejected");
	}

}
