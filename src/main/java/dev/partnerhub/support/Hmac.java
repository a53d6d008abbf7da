package dev.partnerhub.support;

import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256, the one signature every signed thing here uses (device cookies, shop and
 * outgoing webhooks, unsubscribe links). Compare results with
 * {@link java.security.MessageDigest#isEqual} (constant time), never {@code equals}.
 */
public final class Hmac {

	private Hmac() {
	}

	public static byte[] sha256(byte[] key, byte[] message) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(message);
		}
		catch (GeneralSecurityException ex) {
			// every Java runtime has HmacSHA256 (a required algorithm)
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
