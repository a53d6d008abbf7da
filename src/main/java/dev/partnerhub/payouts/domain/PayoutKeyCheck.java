package dev.partnerhub.payouts.domain;

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
 * Warns at start-up when bank details and tax ids are encrypted with the public
 * development key outside the demo (demo data on the embedded database), like the
 * public-address warning.
 */
@Component
class PayoutKeyCheck {

	private static final Logger log = LoggerFactory.getLogger(PayoutKeyCheck.class);

	private final FieldCipher cipher;

	private final boolean demoEnabled;

	private final ObjectProvider<EmbeddedPostgres> embedded;

	PayoutKeyCheck(FieldCipher cipher, PartnerhubProperties properties, ObjectProvider<EmbeddedPostgres> embedded) {
		this.cipher = cipher;
		this.demoEnabled = properties.demo().enabled();
		this.embedded = embedded;
	}

	@EventListener(ApplicationReadyEvent.class)
	void check() {
		warning(this.cipher.usesDevelopmentKey(), this.demoEnabled && this.embedded.getIfAvailable() != null)
			.ifPresent(log::warn);
	}

	static Optional<String> warning(boolean developmentKey, boolean demo) {
		if (!developmentKey || demo) {
			return Optional.empty();
		}
		String rule = "!".repeat(76);
		return Optional.of("\n" + rule + "\n"
				+ "  PAYOUT ENCRYPTION KEY NOT SET: partners' bank details and tax ids are encrypted with the\n"
				+ "  public development key. Set a key of your own before partners enter details, e.g.\n"
				+ "    PARTNERHUB_PAYOUTS_ENCRYPTIONKEY=$(openssl rand -base64 32)\n"
				+ "  (or --partnerhub.payouts.encryption-key=...), keep it safe and never change it afterwards.\n"
				+ rule);
	}

}
