package dev.partnerhub.accounts.domain;

import java.util.Base64;
import java.util.Map;

import dev.partnerhub.support.AesGcm;
import dev.partnerhub.support.PartnerhubProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Two-factor secrets stored before the payouts and accounts shared one cipher. */
class TwoFactorCipherTests {

	/**
	 * A TOTP secret encrypted with the development key by the two-factor code before the
	 * change (captured): enrolled admins keep signing in.
	 */
	static final String STORED_SECRET = "AWdMZpPAq4634bNFo+iWhRp2JuNEGtpjC558ypgMbs3pbDzjh3+MEQPDqxaCNaJEgMX3DJ6TmvOUk+SOng==";

	@Test
	void secretsStoredBeforeStillDecrypt() {
		AesGcm cipher = TwoFactorCipher.twoFactorSecretsCipher(new Binder(new MapConfigurationPropertySource(Map.of()))
			.bindOrCreate("partnerhub", Bindable.of(PartnerhubProperties.class)));
		assertThat(cipher.usesDevelopmentKey()).isTrue();
		assertThat(cipher.setting()).isEqualTo("partnerhub.two-factor.encryption-key");
		assertThat(cipher.decrypt(Base64.getDecoder().decode(STORED_SECRET)))
			.isEqualTo("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
	}

}
