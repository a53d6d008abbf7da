package dev.partnerhub.accounts.domain;

import dev.partnerhub.support.AesGcm;
import dev.partnerhub.support.PartnerhubProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The key of admins' TOTP secrets at rest ({@code partnerhub.two-factor.encryption-key},
 * {@link AesGcm}'s format).
 */
@Configuration(proxyBeanMethods = false)
class TwoFactorCipher {

	/** The bean's name, to inject it ({@code @Qualifier}). */
	static final String BEAN = "twoFactorSecretsCipher";

	@Bean(BEAN)
	static AesGcm twoFactorSecretsCipher(PartnerhubProperties properties) {
		return new AesGcm(properties.twoFactor().encryptionKey(), TwoFactorService.DEVELOPMENT_KEY,
				"partnerhub.two-factor.encryption-key", "admins' TOTP secrets");
	}

}
