package dev.partnerhub.integrations.domain;

import java.time.Instant;
import java.util.Optional;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Checks a delivery the way Stripe documents it, with the official library
 * ({@code Webhook.constructEvent}: HMAC-SHA256 of {@code "<t>.<body>"} with the
 * endpoint's secret, timestamp at most 5 minutes old), then reads the event's JSON itself
 * so any API version of the payload works. Nothing is stored or logged above INFO for a
 * refused delivery.
 */
@Component
public class StripeWebhook {

	/**
	 * Stripe's default tolerance: a replay of a captured delivery is refused after 5
	 * minutes.
	 */
	public static final long TOLERANCE_SECONDS = 300;

	private static final Logger log = LoggerFactory.getLogger(StripeWebhook.class);

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private final IntegrationSettings settings;

	StripeWebhook(IntegrationSettings settings) {
		this.settings = settings;
	}

	/**
	 * A delivery refused before anything is stored: {@code configured} false = no secret
	 * is set (try again later).
	 */
	public static final class Refused extends RuntimeException {

		private final boolean configured;

		Refused(String message, boolean configured) {
			super(message, null, false, false);
			this.configured = configured;
		}

		public boolean configured() {
			return this.configured;
		}

	}

	/**
	 * The verified event: its id and type, when Stripe created it, and its
	 * {@code data.object}.
	 */
	public StripeEvent verify(String payload, String signatureHeader) {
		if (signatureHeader == null || !signatureHeader.contains("t=") || !signatureHeader.contains("v1=")
				|| signatureHeader.length() > 2000) {
			throw refused("The Stripe-Signature header is missing or malformed.");
		}
		Optional<String> secret = this.settings.stripeSecret();
		if (secret.isEmpty()) {
			log.info("Stripe webhook delivery refused: no webhook secret is set (console: Integrations)");
			throw new Refused("The Stripe webhook secret is not set yet (console: Integrations).", false);
		}
		Event event;
		try {
			event = Webhook.constructEvent(payload, signatureHeader, secret.get(), TOLERANCE_SECONDS);
		}
		catch (SignatureVerificationException ex) {
			throw refused("The Stripe signature does not match, or its timestamp is older than 5 minutes.");
		}
		catch (RuntimeException ex) {
			// the library's JSON parser (a signed body that is not an event) or a
			// timestamp that is not a number
			throw refused("The body is not a Stripe event, or the signature header cannot be read.");
		}
		JsonNode root;
		try {
			root = JSON.readTree(payload);
		}
		catch (JacksonException ex) {
			throw refused("The body is not valid JSON.");
		}
		String id = Json.text(root, "id");
		String type = Json.text(root, "type");
		Long created = Json.number(root, "created");
		JsonNode object = Json.at(root, "data", "object");
		if (id == null || type == null || created == null || !object.isObject() || id.length() > 255
				|| type.length() > 100 || event.getId() == null || !event.getId().equals(id)) {
			throw refused("The body is not a Stripe event (id, type, created and data.object are required).");
		}
		return new StripeEvent(id, type, Instant.ofEpochSecond(created), Json.bool(root, "livemode"), object);
	}

	private static Refused refused(String reason) {
		log.info("Stripe webhook delivery refused: {}", reason);
		return new Refused(reason, true);
	}

}
