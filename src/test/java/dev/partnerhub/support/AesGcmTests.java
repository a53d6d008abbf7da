package dev.partnerhub.support;

import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The one AES-GCM helper (payout details, two-factor secrets) and its stored format. */
class AesGcmTests {

	static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

	static final String OTHER = Base64.getEncoder().encodeToString("another-key-of-thirty-two-bytes!".getBytes());

	@Test
	void roundTripsWithARandomNonceAndRefusesChangedBytesOrAnotherKey() {
		AesGcm cipher = new AesGcm(KEY, OTHER, "test.key");
		assertThat(cipher.usesDevelopmentKey()).isFalse();
		byte[] one = cipher.encrypt("JBSWY3DPEHPK3PXP");
		byte[] two = cipher.encrypt("JBSWY3DPEHPK3PXP");
		assertThat(one).isNotEqualTo(two);
		assertThat(new String(one, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("JBSWY3DP");
		assertThat(cipher.decrypt(one)).isEqualTo("JBSWY3DPEHPK3PXP");
		one[one.length - 1] ^= 1;
		assertThatIllegalStateException().isThrownBy(() -> cipher.decrypt(one)).withMessageContaining("test.key");
		assertThatIllegalStateException().isThrownBy(() -> new AesGcm(null, OTHER, "test.key").decrypt(two));
	}

	@Test
	void withoutAKeyTheDevelopmentKeyIsUsedAndABadKeyStopsTheStart() {
		assertThat(new AesGcm(" ", OTHER, "test.key").usesDevelopmentKey()).isTrue();
		assertThatIllegalStateException().isThrownBy(() -> new AesGcm("not base64!", OTHER, "test.key"))
			.withMessageContaining("test.key must be base64");
		assertThatIllegalStateException()
			.isThrownBy(() -> new AesGcm(Base64.getEncoder().encodeToString(new byte[20]), OTHER, "test.key"))
			.withMessageContaining("16, 24 or 32 bytes");
	}

	/**
	 * The stored format, which rows written before (the payouts' old FieldCipher, the
	 * two-factor secrets) have: version byte 1, 12-byte nonce, ciphertext, 16-byte tag,
	 * the key used as decoded. Changing any of it fails here.
	 */
	@Test
	void theStoredFormatIsVersionByteNonceCiphertextAndTag() throws Exception {
		AesGcm cipher = new AesGcm(OTHER, KEY, "test.key");
		byte[] stored = cipher.encrypt("DE89370400440532013000");
		assertThat(stored[0]).isEqualTo((byte) 1);
		assertThat(stored).hasSize(1 + 12 + "DE89370400440532013000".length() + 16);
		javax.crypto.Cipher plain = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
		plain.init(javax.crypto.Cipher.DECRYPT_MODE,
				new javax.crypto.spec.SecretKeySpec(Base64.getDecoder().decode(OTHER), "AES"),
				new javax.crypto.spec.GCMParameterSpec(128, stored, 1, 12));
		assertThat(new String(plain.doFinal(stored, 13, stored.length - 13), java.nio.charset.StandardCharsets.UTF_8))
			.isEqualTo("DE89370400440532013000");
		// a value written by the payouts' FieldCipher with the payouts' development key
		AesGcm payouts = new AesGcm(null, "cGFydG5lcmh1Yi1kZXZlbG9wbWVudC1rZXktMzJieXQ=", "test.key");
		assertThat(payouts.decrypt(
				Base64.getDecoder().decode("ARleCYu7/3rhVKavGJ2xpLoJQULLVJjL9XM4ZRevSSQmgqWyzm9oEZEB8fMelfqsKC5q")))
			.isEqualTo("DE89370400440532013000");
		assertThatIllegalStateException().isThrownBy(() -> cipher.decrypt(new byte[] { 2, 0, 0 }))
			.withMessageContaining("version 1");
		assertThat(cipher.decryptOptional(null)).isNull();
	}

	@Test
	void theDevelopmentKeyWarnsOutsideTheDemoOnlyNamingTheSettingAndItsVariable() {
		AesGcm development = new AesGcm(null, OTHER, "partnerhub.two-factor.encryption-key", "admins' TOTP secrets");
		assertThat(EncryptionKeyCheck.warning(development, false))
			.hasValueSatisfying(w -> assertThat(w).contains("ENCRYPTION KEY NOT SET")
				.contains("partnerhub.two-factor.encryption-key")
				.contains("PARTNERHUB_TWOFACTOR_ENCRYPTIONKEY=")
				.contains("admins' TOTP secrets"));
		assertThat(EncryptionKeyCheck.warning(development, true)).isEmpty();
		assertThat(EncryptionKeyCheck.warning(new AesGcm(KEY, OTHER, "x.key", "y"), false)).isEmpty();
	}

}
