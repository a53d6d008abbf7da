package dev.partnerhub.integrations;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Posting WooCommerce and Shopify deliveries over real HTTP, signed as the shops sign
 * them (base64 of the HMAC-SHA256 of the raw body with the webhook's secret), and reading
 * what was booked.
 */
final class ShopHttp {

	static final ObjectMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final int port;

	private final JdbcClient jdbc;

	ShopHttp(int port, JdbcClient jdbc) {
		this.port = port;
		this.jdbc = jdbc;
	}

	static String unique() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 14);
	}

	/** A number no other test uses as a shop's order or refund id. */
	static long uniqueId() {
		return Math.abs(UUID.randomUUID().getMostSignificantBits() >>> 12) + 1;
	}

	static ObjectNode fixture(String path) {
		try (InputStream in = ShopHttp.class.getResourceAsStream("/" + path)) {
			return (ObjectNode) JSON.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String sign(String body, String secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	HttpResponse<String> post(String path, String body, String contentType, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		headers.forEach(request::header);
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static String outcome(HttpResponse<String> response) {
		return JSON.readTree(response.body()).get("outcome").asString();
	}

	/**
	 * Sends the same call from {@code n} threads at once; answers the outcomes (each call
	 * must answer 200).
	 */
	static List<String> concurrently(int n, Supplier<HttpResponse<String>> call) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(n);
		CountDownLatch go = new CountDownLatch(1);
		try {
			List<Future<HttpResponse<String>>> calls = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				calls.add(pool.submit(() -> {
					go.await();
					return call.get();
				}));
			}
			go.countDown();
			List<String> outcomes = new ArrayList<>();
			for (Future<HttpResponse<String>> future : calls) {
				HttpResponse<String> response = future.get();
				if (response.statusCode() != 200) {
					throw new AssertionError(response.statusCode() + " " + response.body());
				}
				outcomes.add(outcome(response));
			}
			return outcomes;
		}
		finally {
			pool.shutdownNow();
		}
	}

	// --- reading what was booked

	long orders(String orderId) {
		return this.jdbc.sql("select count(*) from customer_order where order_id = :id")
			.param("id", orderId)
			.query(Long.class)
			.single();
	}

	Map<String, Object> order(String orderId) {
		return this.jdbc.sql("""
				select o.order_id, o.currency, o.total, o.coupon_code, ct.email
				from customer_order o join contact ct on ct.id = o.contact_id where o.order_id = :id
				""").param("id", orderId).query().singleRow();
	}

	/**
	 * "partner tier amount status (reason)" per commission of the order, oldest first.
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

	/** The refunds booked on the order: "refund id amount". */
	List<String> refunds(String orderId) {
		return this.jdbc.sql("""
				select r.refund_id, r.amount from order_refund r join customer_order o on o.id = r.order_id
				where o.order_id = :id order by r.id
				""")
			.param("id", orderId)
			.query((rs, n) -> rs.getString("refund_id") + " " + rs.getBigDecimal("amount").setScale(2).toPlainString())
			.list();
	}

	long deliveries(String provider) {
		return this.jdbc.sql("select count(*) from shop_webhook_delivery where provider = :p")
			.param("p", provider)
			.query(Long.class)
			.single();
	}

	String refundStatus(String refundId) {
		return this.jdbc.sql("select status from shop_refund where refund_id = :id")
			.param("id", refundId)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	static BigDecimal money(String amount) {
		return new BigDecimal(amount);
	}

}
