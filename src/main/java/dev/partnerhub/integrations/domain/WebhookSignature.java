package dev.partnerhub.integrations.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature WooCommerce and Shopify put on their deliveries: base64 of the
 * HMAC-SHA256 of the raw body with the webhook's secret, compared in constant time (the
 * time to refuse says nothing about how much of it matched).
 */
final class WebhookSignature {

	private WebhookSignature() {
	}

	static String sign(byte[] body, String secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return Base64.getEncoder().encodeToString(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
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
