package dev.partnerhub.integrations.domain;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Checks a WooCommerce or Shopify delivery as they document it:
 * {@code X-WC-Webhook-Signature} / {@code X-Shopify-Hmac-Sha256} = base64 of the
 * HMAC-SHA256 of the raw body with the webhook's secret (compared in constant time), a
 * delivery id, a topic and a JSON object body. Nothing is stored or logged above INFO for
 * a refused delivery.
 */
@Component
public class ShopWebhook {

	private static final Logger log = LoggerFactory.getLogger(ShopWebhook.class);

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private final IntegrationSettings settings;

	ShopWebhook(IntegrationSettings settings) {
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

	/** The verified delivery, ready for {@link ShopIngestion#apply}. */
	public ShopIngestion.Delivery verify(Integration provider, byte[] body, String signature, String deliveryId,
			String topic) {
		// a request without a signature is no delivery at all (a 400 before the secret is
		// even looked at)
		if (signature == null || !signature.strip().matches("[A-Za-z0-9+/]{43}=")) {
			throw refused(provider, "The " + provider.label() + " signature header is missing or malformed.");
		}
		Optional<String> secret = this.settings.secret(provider);
		if (secret.isEmpty()) {
			log.info("{} webhook delivery refused: no webhook secret is set (console: Integrations)", provider.label());
			throw new Refused("The " + provider.label() + " webhook secret is not set yet (console: Integrations).",
					false);
		}
		if (!WebhookSignature.matches(body, secret.get(), signature)) {
			throw refused(provider, "The " + provider.label() + " signature is missing or does not match the body.");
		}
		if (deliveryId == null || deliveryId.isBlank() || deliveryId.length() > 255) {
			throw refused(provider, "The delivery id header is missing.");
		}
		if (topic == null || topic.isBlank() || topic.length() > 100) {
			throw refused(provider, "The topic header is missing.");
		}
		JsonNode root;
		try {
			root = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw refused(provider, "The body is not valid JSON.");
		}
		if (root == null || !root.isObject()) {
			throw refused(provider, "The body is not a JSON object.");
		}
		return new ShopIngestion.Delivery(provider, Json.clean(deliveryId).strip(), Json.clean(topic).strip(), root);
	}

	private static Refused refused(Integration provider, String reason) {
		log.info("{} webhook delivery refused: {}", provider.label(), reason);
		return new Refused(reason, true);
	}

}
