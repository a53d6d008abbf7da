package dev.partnerhub.webhooks.domain;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import dev.partnerhub.support.Hmac;

/**
 * Standard Webhooks signing: secrets are {@code whsec_} + base64 of 32 random bytes; the
 * signature is {@code v1,} + base64 of HMAC-SHA256 over {@code id.timestamp.body} keyed
 * with the decoded secret.
 */
public final class WebhookSignatures {

	static final String PREFIX = "whsec_";

	private static final SecureRandom RANDOM = new SecureRandom();

	private WebhookSignatures() {
	}

	public static String newSecret() {
		byte[] key = new byte[32];
		RANDOM.nextBytes(key);
		return PREFIX + Base64.getEncoder().encodeToString(key);
	}

	/** The {@code webhook-signature} header value. */
	public static String sign(String secret, String messageId, long timestamp, String body) {
		byte[] key = Base64.getDecoder().decode(secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret);
		byte[] signature = Hmac.sha256(key,
				(messageId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
		return "v1," + Base64.getEncoder().encodeToString(signature);
	}

}
