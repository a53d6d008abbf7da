package dev.partnerhub.integrations.domain;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import dev.partnerhub.audit.Actor;
import dev.partnerhub.audit.AuditEntry;
import dev.partnerhub.audit.AuditLog;
import dev.partnerhub.support.PartnerhubProperties;
import dev.partnerhub.support.ShortLivedCache;
import dev.partnerhub.support.InvalidInputException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The Stripe webhook signing secret: the one set in the console (stored in the database) wins over
 * {@code partnerhub.integrations.stripe.webhook-secret}. It is never shown back: only its last four characters.
 */
@Service
@Transactional
public class IntegrationSettings {

	static final String STRIPE_SECRET = "stripe.webhook-secret";

	private final JdbcClient jdbc;

	private final AuditLog audit;

	private final String configuredStripeSecret;

	/**
	 * The stored settings, read at most every 2 seconds: a refused delivery (a stranger's) costs no database access; a
	 * secret changed on another instance is used here within 2 seconds.
	 */
	private final ShortLivedCache<String, String> cache;

	IntegrationSettings(JdbcClient jdbc, AuditLog audit,
			PartnerhubProperties properties,
			Clock clock) {
		this.cache = new ShortLivedCache<>(Duration.ofSeconds(2), clock);
		this.jdbc = jdbc;
		this.audit = audit;
		this.configuredStripeSecret = properties.integrations().stripe().webhookSecret().strip();
	}

	/** Where the secret in use comes from, and its last four characters (never more). */
	public record SecretStatus(String source, String lastFour) {

		public boolean set() {
			return this.source != null;
		}

	}

	/** The secret in use: the console's, else the configured one; empty when there is none. */
	@Transactional(readOnly = true)
	public Optional<String> stripeSecret() {
		Optional<String> stored = this.cache.get(STRIPE_SECRET, this::stored);
		return stored.isPresent() ? stored
				: Optional.of(this.configuredStripeSecret).filter(secret -> !secret.isEmpty());
	}

	@Transactional(readOnly = true)
	public SecretStatus stripeSecretStatus() {
		Optional<String> stored = stored(STRIPE_SECRET);
		if (stored.isPresent()) {
			return new SecretStatus("console", lastFour(stored.get()));
		}
		if (!this.configuredStripeSecret.isEmpty()) {
			return new SecretStatus("configuration", lastFour(this.configuredStripeSecret));
		}
		return new SecretStatus(null, null);
	}

	/** Stores a new secret (it must look like Stripe's {@code whsec_...}); audited with its last four characters. */
	public SecretStatus setStripeSecret(String secret) {
		String value = secret == null ? "" : secret.strip();
		if (!value.matches("whsec_[A-Za-z0-9+/=_-]{8,200}")) {
			throw new InvalidInputException("secret",
					"Paste the endpoint's signing secret from Stripe: it starts with whsec_ (Developers → Webhooks → your endpoint → Signing secret).");
		}
		String before = stripeSecretStatus().set() ? "…" + stripeSecretStatus().lastFour() : null;
		this.jdbc.sql("""
				insert into integration_setting (name, value, updated_at, updated_by) values (:name, :value, now(), :by)
				on conflict (name) do update set value = excluded.value, updated_at = now(), updated_by = excluded.updated_by
				""")
			.param("name", STRIPE_SECRET)
			.param("value", value)
			.param("by", Actor.current())
			.update();
		this.cache.clearOnCommit();
		this.audit.record(AuditEntry.of(Actor.current(), "integration.stripe.secret", "integration", "stripe", before,
				"…" + lastFour(value)));
		return stripeSecretStatus();
	}

	/** Forgets the console's secret: the configured one (if any) is used again. */
	public SecretStatus clearStripeSecret() {
		if (this.jdbc.sql("delete from integration_setting where name = :name").param("name", STRIPE_SECRET).update() > 0) {
			this.cache.clearOnCommit();
			this.audit.record(AuditEntry.of(Actor.current(), "integration.stripe.secret", "integration", "stripe",
					"console secret", stripeSecretStatus().set() ? "configured secret" : "none"));
		}
		return stripeSecretStatus();
	}

	private Optional<String> stored(String name) {
		return this.jdbc.sql("select value from integration_setting where name = :name")
			.param("name", name)
			.query(String.class)
			.optional();
	}

	private static String lastFour(String secret) {
		return secret.length() <= 4 ? "" : secret.substring(secret.length() - 4);
	}

}
