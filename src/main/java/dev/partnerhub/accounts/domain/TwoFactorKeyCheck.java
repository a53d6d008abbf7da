package dev.partnerhub.accounts.domain;

import java.util.Optional;

import dev.partnerhub.support.PartnerhubProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Warns at start-up when admins' TOTP secrets are encrypted with the public development
 * key outside the demo, like the payout key's warning.
 */
@Component
class TwoFactorKeyCheck {

	private static final Logger log = LoggerFactory.getLogger(TwoFactorKeyCheck.class);

	private final TwoFactorService twoFactor;

	private final boolean demoEnabled;

	private final ObjectProvider<EmbeddedPostgres> embedded;

	TwoFactorKeyCheck(TwoFactorService twoFactor, PartnerhubProperties properties,
			ObjectProvider<EmbeddedPostgres> embedded) {
		this.twoFactor = twoFactor;
		this.demoEnabled = properties.demo().enabled();
		this.embedded = embedded;
	}

	@EventListener(ApplicationReadyEvent.class)
	void check() {
		warning(this.twoFactor.usesDevelopmentKey(), this.demoEnabled && this.embedded.getIfAvailable() != null)
			.ifPresent(log::warn);
	}

	static Optional<String> warning(boolean developmentKey, boolean demo) {
		if (!developmentKey || demo) {
			return Optional.empty();
		}
		String rule = "!".repeat(76);
		return Optional.of("\n" + rule + "\n"
				+ "  TWO-FACTOR ENCRYPTION KEY NOT SET: admins' TOTP secrets are encrypted with the public\n"
				+ "  development key. Set a key of your own before admins enrol, e.g.\n"
				+ "    PARTNERHUB_TWOFACTOR_ENCRYPTIONKEY=$(openssl rand -base64 32)\n"
				+ "  (or --partnerhub.two-factor.encryption-key=...), keep it safe and never change it afterwards.\n"
				+ rule);
	}

}
