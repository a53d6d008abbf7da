package dev.partnerhub.support;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * AES-GCM encryption of short secrets at rest: partners' bank details and tax ids
 * (payouts) and admins' TOTP secrets (accounts). The one stored format (bytea), which
 * every existing value has: version byte (1), 12-byte random nonce, then the ciphertext
 * with its 16-byte tag (no associated data); the key is the setting's base64 (standard
 * alphabet) decoded as is, no derivation. A changed byte fails to decrypt instead of
 * reading wrong. Without a configured key a fixed development key is used and
 * {@link EncryptionKeyCheck} warns at start-up outside the demo. Each module declares its
 * instance as a named bean with its own setting and development key.
 */
public final class AesGcm {

	private static final byte VERSION = 1;

	private static final int NONCE = 12;

	private static final int TAG_BITS = 128;

	private final SecretKeySpec key;

	private final boolean developmentKey;

	private final String setting;

	private final String purpose;

	private final SecureRandom random = new SecureRandom();

	/**
	 * @param configured the setting's value (base64 of 16, 24 or 32 bytes; blank = the
	 * development key)
	 * @param developmentKey base64 key used without a configured one (public: in the
	 * source)
	 * @param setting the setting's name, for messages
	 */
	public AesGcm(@Nullable String configured, String developmentKey, String setting) {
		this(configured, developmentKey, setting, "secrets");
	}

	/**
	 * @param configured the setting's value (base64 of 16, 24 or 32 bytes; blank = the
	 * development key)
	 * @param developmentKey base64 key used without a configured one (public: in the
	 * source)
	 * @param setting the setting's name, for messages
	 * @param purpose what is encrypted, for the start-up warning (e.g. "partners' bank
	 * details and tax ids")
	 */
	public AesGcm(@Nullable String configured, String developmentKey, String setting, String purpose) {
		this.setting = setting;
		this.purpose = purpose;
		this.developmentKey = configured == null || configured.isBlank();
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(this.developmentKey ? developmentKey : configured.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(setting + " must be base64 (of 32 bytes).", ex);
		}
		if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
			throw new IllegalStateException(setting + " must be base64 of 16, 24 or 32 bytes (it is " + bytes.length
					+ "); generate one with: openssl rand -base64 32");
		}
		this.key = new SecretKeySpec(bytes, "AES");
	}

	public boolean usesDevelopmentKey() {
		return this.developmentKey;
	}

	/** The setting the key comes from, e.g. {@code partnerhub.payouts.encryption-key}. */
	public String setting() {
		return this.setting;
	}

	/** What this key encrypts, for messages. */
	public String purpose() {
		return this.purpose;
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
		if (stored.length < 1 + NONCE + TAG_BITS / 8 || stored[0] != VERSION) {
			throw new IllegalStateException("Not an encrypted value of version " + VERSION);
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, stored, 1, NONCE));
			return new String(cipher.doFinal(stored, 1 + NONCE, stored.length - 1 - NONCE), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(
					"Could not decrypt stored " + this.purpose + ": was " + this.setting + " changed?", ex);
		}
	}

	/** As {@link #decrypt}, and null for null (an optional column). */
	public @Nullable String decryptOptional(byte @Nullable [] stored) {
		return stored == null ? null : decrypt(stored);
	}

}
