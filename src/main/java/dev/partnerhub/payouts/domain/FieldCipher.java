package dev.partnerhub.payouts.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import dev.partnerhub.support.PartnerhubProperties;

import org.springframework.stereotype.Component;

/**
 * AES-GCM encryption of bank details and tax ids at rest. A value is stored as version
 * byte (1), 12-byte random nonce, then ciphertext with the 16-byte tag: the database
 * never holds the plain text, and a changed byte fails to decrypt instead of reading
 * wrong. The key comes from {@code partnerhub.payouts.encryption-key} (base64); without
 * one a fixed development key is used and {@link PayoutKeyCheck} warns.
 */
@Component
public class FieldCipher {

	/** Only for development and the demo: it is public (in the source). */
	static final String DEVELOPMENT_KEY = "cGFydG5lcmh1Yi1kZXZlbG9wbWVudC1rZXktMzJieXQ=";

	private static final byte VERSION = 1;

	private static final int NONCE = 12;

	private static final int TAG_BITS = 128;

	private final SecretKeySpec key;

	private final boolean developmentKey;

	private final SecureRandom random = new SecureRandom();

	FieldCipher(PartnerhubProperties properties) {
		String configured = properties.payouts().encryptionKey();
		this.developmentKey = configured == null || configured.isBlank();
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(this.developmentKey ? DEVELOPMENT_KEY : configured.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("partnerhub.payouts.encryption-key must be base64 (of 32 bytes).", ex);
		}
		if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
			throw new IllegalStateException("partnerhub.payouts.encryption-key must be base64 of 16, 24 or 32 bytes "
					+ "(it is " + bytes.length + "); generate one with: openssl rand -base64 32");
		}
		this.key = new SecretKeySpec(bytes, "AES");
	}

	boolean usesDevelopmentKey() {
		return this.developmentKey;
	}

	public byte[] encrypt(String plain) {
		try {
			byte[] nonce = new byte[NONCE];
			this.random.nextBytes(nonce);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, nonce));
			byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
			return ByteBuffer.allocate(1 + NONCE + sealed.length).put(VERSION).put(nonce).put(sealed).array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not encrypt", ex);
		}
	}

	public String decrypt(byte[] stored) {
		if (stored == null) {
			return null;
		}
		if (stored.length < 1 + NONCE || stored[0] != VERSION) {
			throw new IllegalStateException("Not an encrypted value of version " + VERSION);
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, stored, 1, NONCE));
			return new String(cipher.doFinal(stored, 1 + NONCE, stored.length - 1 - NONCE), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(
					"Could not decrypt stored payout details: was partnerhub.payouts.encryption-key changed?", ex);
		}
	}

}
