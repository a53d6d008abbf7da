package dev.partnerhub.integrations.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import dev.partnerhub.integrations.domain.Integration;
import dev.partnerhub.integrations.domain.ShopIngestion;
import dev.partnerhub.integrations.domain.ShopWebhook;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/woocommerce} and {@code POST /webhooks/shopify}: public (the
 * shops call them), no session, no CSRF; trusted only through their HMAC header. A
 * refused delivery is a 400 problem and stores nothing; an accepted one answers 200
 * whatever its outcome (applied, duplicate, ignored, pending, rejected), so the shop
 * stops sending it.
 */
@RestController
class ShopWebhookController {

	/** Orders are a few kilobytes; one with hundreds of lines some hundreds. */
	static final int MAX_BODY_BYTES = 1024 * 1024;

	/**
	 * What WooCommerce posts, unsigned, when a webhook is saved: answered 200 so it
	 * saves, nothing stored.
	 */
	private static final String WOO_PING = "webhook_id=[0-9]{1,20}";

	private final ShopWebhook webhook;

	private final ShopIngestion ingestion;

	ShopWebhookController(ShopWebhook webhook, ShopIngestion ingestion) {
		this.webhook = webhook;
		this.ingestion = ingestion;
	}

	record Received(boolean received, String outcome, String detail) {
	}

	@PostMapping("/webhooks/woocommerce")
	ResponseEntity<?> woocommerce(HttpServletRequest request,
			@RequestHeader(name = "X-WC-Webhook-Signature", required = false) @Nullable String signature,
			@RequestHeader(name = "X-WC-Webhook-Delivery-ID", required = false) @Nullable String deliveryId,
			@RequestHeader(name = "X-WC-Webhook-Topic", required = false) @Nullable String topic) throws IOException {
		byte[] body = body(request);
		if (body == null) {
			return tooLarge();
		}
		if (signature == null && isPing(request, body)) {
			return ResponseEntity.ok(new Received(true, "ping", "WooCommerce webhook saved; deliveries are signed."));
		}
		return receive(Integration.WOOCOMMERCE, body, signature, deliveryId, topic);
	}

	@PostMapping("/webhooks/shopify")
	ResponseEntity<?> shopify(HttpServletRequest request,
			@RequestHeader(name = "X-Shopify-Hmac-Sha256", required = false) @Nullable String signature,
			@RequestHeader(name = "X-Shopify-Webhook-Id", required = false) @Nullable String deliveryId,
			@RequestHeader(name = "X-Shopify-Topic", required = false) @Nullable String topic) throws IOException {
		byte[] body = body(request);
		if (body == null) {
			return tooLarge();
		}
		return receive(Integration.SHOPIFY, body, signature, deliveryId, topic);
	}

	/**
	 * The ping's form body; read from the parameters when a filter parsed the form before
	 * us.
	 */
	private static boolean isPing(HttpServletRequest request, byte[] body) {
		if (body.length > 0) {
			return new String(body, StandardCharsets.UTF_8).strip().matches(WOO_PING);
		}
		String id = request.getParameter("webhook_id");
		return id != null && ("webhook_id=" + id).matches(WOO_PING);
	}

	private ResponseEntity<?> receive(Integration provider, byte[] body, String signature, String deliveryId,
			String topic) {
		ShopIngestion.Delivery delivery;
		try {
			delivery = this.webhook.verify(provider, body, signature, deliveryId, topic);
		}
		catch (ShopWebhook.Refused refused) {
			if (!refused.configured()) {
				// the shops retry: set the secret and the deliveries arrive
				return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
					.header(HttpHeaders.RETRY_AFTER, "60")
					.contentType(MediaType.APPLICATION_PROBLEM_JSON)
					.body(problemDetail(HttpStatus.SERVICE_UNAVAILABLE, refused.getMessage()));
			}
			return problem(HttpStatus.BAD_REQUEST, refused.getMessage());
		}
		ShopIngestion.Result result = this.ingestion.apply(delivery);
		return ResponseEntity.ok(new Received(true, result.outcome().name().toLowerCase(Locale.ROOT), result.detail()));
	}

	/**
	 * The raw body (the signature is over its bytes); null when it is larger than a
	 * delivery can be.
	 */
	private static byte @Nullable [] body(HttpServletRequest request) throws IOException {
		if (request.getContentLengthLong() > MAX_BODY_BYTES) {
			return null;
		}
		byte[] body;
		try (InputStream in = request.getInputStream()) {
			body = in.readNBytes(MAX_BODY_BYTES + 1);
		}
		return body.length > MAX_BODY_BYTES ? null : body;
	}

	private static ResponseEntity<ProblemDetail> tooLarge() {
		return problem(HttpStatus.CONTENT_TOO_LARGE, "The body is larger than a shop's order can be.");
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problemDetail(status, detail));
	}

	private static ProblemDetail problemDetail(HttpStatus status, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(status.getReasonPhrase());
		problem.setType(URI.create("about:blank"));
		return problem;
	}

}
