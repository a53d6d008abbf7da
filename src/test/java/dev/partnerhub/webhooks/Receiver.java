package dev.partnerhub.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP receiver on 127.0.0.1 and a random port that records what it got and
 * answers the status the test chooses per request (1st, 2nd, ...).
 */
final class Receiver implements AutoCloseable {

	record Received(String path, String id, String timestamp, String signature, String body) {
	}

	private final HttpServer server;

	final Queue<Received> received = new ConcurrentLinkedQueue<>();

	final AtomicInteger otherPathHits = new AtomicInteger();

	private final AtomicInteger count = new AtomicInteger();

	Receiver(IntUnaryOperator statusOfRequest) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/hook", exchange -> {
			String body = read(exchange.getRequestBody());
			this.received.add(new Received(exchange.getRequestURI().getPath(),
					exchange.getRequestHeaders().getFirst("webhook-id"),
					exchange.getRequestHeaders().getFirst("webhook-timestamp"),
					exchange.getRequestHeaders().getFirst("webhook-signature"), body));
			int status = statusOfRequest.applyAsInt(this.count.incrementAndGet());
			if (status >= 300 && status < 400) {
				exchange.getResponseHeaders().add("Location", url("/elsewhere"));
			}
			answer(exchange, status);
		});
		this.server.createContext("/elsewhere", exchange -> {
			this.otherPathHits.incrementAndGet();
			answer(exchange, 200);
		});
		this.server.start();
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	String url() {
		return url("/hook");
	}

	List<Received> all() {
		return List.copyOf(this.received);
	}

	private static void answer(HttpExchange exchange, int status) throws IOException {
		exchange.sendResponseHeaders(status, -1);
		exchange.close();
	}

	private static String read(InputStream in) throws IOException {
		return new String(in.readAllBytes(), StandardCharsets.UTF_8);
	}

	/**
	 * Verification as a Standard Webhooks receiver does it: base64-decode the secret
	 * after {@code whsec_}, HMAC-SHA256 over {@code id.timestamp.body}, compare in
	 * constant time with each {@code v1,} signature of the space-separated header.
	 */
	static boolean verify(String secret, Received message) throws Exception {
		byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(key, "HmacSHA256"));
		byte[] expected = mac.doFinal(
				(message.id() + "." + message.timestamp() + "." + message.body()).getBytes(StandardCharsets.UTF_8));
		for (String signature : message.signature().split(" ")) {
			if (signature.startsWith("v1,")
					&& MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature.substring(3)))) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
