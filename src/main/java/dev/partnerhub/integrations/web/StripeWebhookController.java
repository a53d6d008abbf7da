package dev.partnerhub.integrations.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import dev.partnerhub.integrations.domain.StripeEvent;
import dev.partnerhub.integrations.domain.StripeIngestion;
import dev.partnerhub.integrations.domain.StripeWebhook;
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
 * {@code POST /webhooks/stripe}: public (Stripe calls it), no session, no CSRF; trusted
 * only through the {@code Stripe-Signature} header. A refused delivery is a 400 problem
 * and stores nothing; an accepted event answers 200 whatever its outcome (applied,
 * duplicate, ignored, rejected), so Stripe stops sending it.
 */
@RestController
class StripeWebhookController {

	/** Stripe events are a few kilobytes; an invoice with many lines some dozens. */
	static final int MAX_BODY_BYTES = 1024 * 1024;

	private final StripeWebhook webhook;

	private final StripeIngestion ingestion;

	StripeWebhookController(StripeWebhook webhook, StripeIngestion ingestion) {
		this.webhook = webhook;
		this.ingestion = ingestion;
	}

	record Received(boolean received, String outcome, String detail) {
	}

	@PostMapping("/webhooks/stripe")
	ResponseEntity<?> receive(HttpServletRequest request,
			@RequestHeader(name = "Stripe-Signature", required = false) @Nullable String signature) throws IOException {
		if (request.getContentLengthLong() > MAX_BODY_BYTES) {
			return problem(HttpStatus.CONTENT_TOO_LARGE, "The body is larger than a Stripe event can be.");
		}
		byte[] body;
		try (InputStream in = request.getInputStream()) {
			body = in.readNBytes(MAX_BODY_BYTES + 1);
		}
		if (body.length > MAX_BODY_BYTES) {
			return problem(HttpStatus.CONTENT_TOO_LARGE, "The body is larger than a Stripe event can be.");
		}
		StripeEvent event;
		try {
			event = this.webhook.verify(new String(body, StandardCharsets.UTF_8), signature);
		}
		catch (StripeWebhook.Refused refused) {
			if (!refused.configured()) {
				// Stripe retries for days: set the secret and the events arrive
				return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
					.header(HttpHeaders.RETRY_AFTER, "60")
					.contentType(MediaType.APPLICATION_PROBLEM_JSON)
					.body(problemDetail(HttpStatus.SERVICE_UNAVAILABLE, refused.getMessage()));
			}
			return problem(HttpStatus.BAD_REQUEST, refused.getMessage());
		}
		StripeIngestion.Result result = this.ingestion.apply(event);
		return ResponseEntity
			.ok(new Received(true, result.outcome().name().toLowerCase(java.util.Locale.ROOT), result.detail()));
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
