package dev.partnerhub.support;

import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The shared AES-GCM helper (two-factor secrets). */
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

}
