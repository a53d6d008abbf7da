package dev.partnerhub.support;

import java.util.Locale;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Warns at start-up for every {@link AesGcm} bean that encrypts with its public
 * development key outside the demo (demo data on the embedded database), like the
 * public-address warning: the payouts' bank details and tax ids, the admins' TOTP
 * secrets.
 */
@Component
class EncryptionKeyCheck {

	private static final Logger log = LoggerFactory.getLogger(EncryptionKeyCheck.class);

	private final ObjectProvider<AesGcm> ciphers;

	private final boolean demoEnabled;

	private final ObjectProvider<EmbeddedPostgres> embedded;

	EncryptionKeyCheck(ObjectProvider<AesGcm> ciphers, PartnerhubProperties properties,
			ObjectProvider<EmbeddedPostgres> embedded) {
		this.ciphers = ciphers;
		this.demoEnabled = properties.demo().enabled();
		this.embedded = embedded;
	}

	@EventListener(ApplicationReadyEvent.class)
	void check() {
		boolean demo = this.demoEnabled && this.embedded.getIfAvailable() != null;
		this.ciphers.orderedStream().forEach(cipher -> warning(cipher, demo).ifPresent(log::warn));
	}

	static Optional<String> warning(AesGcm cipher, boolean demo) {
		if (!cipher.usesDevelopmentKey() || demo) {
			return Optional.empty();
		}
		String rule = "!".repeat(76);
		// relaxed binding: partnerhub.two-factor.encryption-key =
		// PARTNERHUB_TWOFACTOR_ENCRYPTIONKEY
		String variable = cipher.setting().replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
		return Optional
			.of("\n" + rule + "\n" + "  ENCRYPTION KEY NOT SET (" + cipher.setting() + "): " + cipher.purpose()
					+ "\n  are encrypted with the public development key. Set a key of your own first, e.g.\n" + "    "
					+ variable + "=$(openssl rand -base64 32)\n" + "  (or --" + cipher.setting()
					+ "=...), keep it safe and never change it afterwards.\n" + rule);
	}

}
