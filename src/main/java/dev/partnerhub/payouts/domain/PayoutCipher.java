package dev.partnerhub.payouts.domain;

import dev.partnerhub.support.AesGcm;
import dev.partnerhub.support.PartnerhubProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The key of bank details and tax ids at rest ({@code partnerhub.payouts.encryption-key},
 * {@link AesGcm}'s format, which the earlier {@code FieldCipher} wrote too: rows stored
 * before still decrypt).
 */
@Configuration(proxyBeanMethods = false)
class PayoutCipher {

	/** The bean's name, to inject it ({@code @Qualifier}). */
	static final String BEAN = "payoutDetailsCipher";

	/** Only for development and the demo: it is public (in the source). */
	static final String DEVELOPMENT_KEY = "cGFydG5lcmh1Yi1kZXZlbG9wbWVudC1rZXktMzJieXQ=";

	@Bean(BEAN)
	static AesGcm payoutDetailsCipher(PartnerhubProperties properties) {
		return new AesGcm(properties.payouts().encryptionKey(), DEVELOPMENT_KEY, "partnerhub.payouts.encryption-key",
				"partners' bank details and tax ids");
	}

}
