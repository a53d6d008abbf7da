package dev.partnerhub.integrations.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import dev.partnerhub.support.Hmac;

/**
 * The signature WooCommerce and Shopify put on their deliveries: base64 of the
 * HMAC-SHA256 of the raw body with the webhook's secret, compared in constant time (the
 * time to refuse says nothing about how much of it matched).
 */
final class WebhookSignature {

	private WebhookSignature() {
	}

	static String sign(byte[] body, String secret) {
		return Base64.getEncoder().encodeToString(Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8), body));
	}

	/**
	 * Whether {@code header} is the body's signature; false for a missing or malformed
	 * header.
	 */
	static boolean matches(byte[] body, String secret, String header) {
		if (header == null || header.isBlank() || header.length() > 200) {
			return false;
		}
		byte[] expected = sign(body, secret).getBytes(StandardCharsets.US_ASCII);
		byte[] given = header.strip().getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected, given);
	}

}
