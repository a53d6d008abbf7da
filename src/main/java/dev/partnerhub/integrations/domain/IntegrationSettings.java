package dev.partnerhub.integrations.domain;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import dev.partnerhub.audit.Actor;
import dev.partnerhub.audit.AuditEntry;
import dev.partnerhub.audit.AuditLog;
import dev.partnerhub.support.PartnerhubProperties;
import dev.partnerhub.support.ShortLivedCache;
import dev.partnerhub.support.InvalidInputException;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The webhook signing secrets (Stripe, WooCommerce, Shopify): the one set in the console
 * (stored in the database) wins over
 * {@code partnerhub.integrations.<name>.webhook-secret}. Never shown back: only its last
 * four characters.
 */
@Service
@Transactional
public class IntegrationSettings {

	private final JdbcClient jdbc;

	private final AuditLog audit;

	private final Map<Integration, String> configured = new EnumMap<>(Integration.class);

	/**
	 * The stored settings, read at most every 2 seconds: a refused delivery (a
	 * stranger's) costs no database access; a secret changed on another instance is used
	 * here within 2 seconds.
	 */
	private final ShortLivedCache<String, String> cache;

	IntegrationSettings(JdbcClient jdbc, AuditLog audit, PartnerhubProperties properties, Clock clock) {
		this.cache = new ShortLivedCache<>(Duration.ofSeconds(2), clock);
		this.jdbc = jdbc;
		this.audit = audit;
		var integrations = properties.integrations();
		this.configured.put(Integration.STRIPE, integrations.stripe().webhookSecret().strip());
		this.configured.put(Integration.WOOCOMMERCE, integrations.woocommerce().webhookSecret().strip());
		this.configured.put(Integration.SHOPIFY, integrations.shopify().webhookSecret().strip());
	}

	/** Where the secret in use comes from, and its last four characters (never more). */
	public record SecretStatus(@Nullable String source, @Nullable String lastFour) {

		public boolean set() {
			return this.source != null;
		}

	}

	/**
	 * The Stripe secret in use: the console's, else the configured one; empty when there
	 * is none.
	 */
	@Transactional(readOnly = true)
	public Optional<String> stripeSecret() {
		return secret(Integration.STRIPE);
	}

	@Transactional(readOnly = true)
	public SecretStatus stripeSecretStatus() {
		return secretStatus(Integration.STRIPE);
	}

	public SecretStatus setStripeSecret(String secret) {
		return setSecret(Integration.STRIPE, secret);
	}

	public SecretStatus clearStripeSecret() {
		return clearSecret(Integration.STRIPE);
	}

	/**
	 * The integration's secret in use: the console's, else the configured one; empty when
	 * there is none.
	 */
	@Transactional(readOnly = true)
	public Optional<String> secret(Integration integration) {
		Optional<String> stored = this.cache.get(integration.secretSetting(), this::stored);
		String configuredSecret = this.configured.get(integration);
		return stored.isPresent() ? stored : Optional.of(configuredSecret).filter(secret -> !secret.isEmpty());
	}

	@Transactional(readOnly = true)
	public SecretStatus secretStatus(Integration integration) {
		Optional<String> stored = stored(integration.secretSetting());
		if (stored.isPresent()) {
			return new SecretStatus("console", lastFour(stored.get()));
		}
		String configuredSecret = this.configured.get(integration);
		if (!configuredSecret.isEmpty()) {
			return new SecretStatus("configuration", lastFour(configuredSecret));
		}
		return new SecretStatus(null, null);
	}

	/**
	 * Stores a new secret in the integration's format; audited with its last four
	 * characters only.
	 */
	public SecretStatus setSecret(Integration integration, String secret) {
		String value = secret == null ? "" : secret.strip();
		if (!integration.accepts(value)) {
			throw new InvalidInputException("secret", integration.hint());
		}
		SecretStatus current = secretStatus(integration);
		String before = current.set() ? "…" + current.lastFour() : null;
		this.jdbc
			.sql("""
					insert into integration_setting (name, value, updated_at, updated_by) values (:name, :value, now(), :by)
					on conflict (name) do update set value = excluded.value, updated_at = now(), updated_by = excluded.updated_by
					""")
			.param("name", integration.secretSetting())
			.param("value", value)
			.param("by", Actor.current())
			.update();
		this.cache.clearOnCommit();
		this.audit.record(AuditEntry.of(Actor.current(), "integration." + integration.key() + ".secret", "integration",
				integration.key(), before, "…" + lastFour(value)));
		return secretStatus(integration);
	}

	/** Forgets the console's secret: the configured one (if any) is used again. */
	public SecretStatus clearSecret(Integration integration) {
		if (this.jdbc.sql("delete from integration_setting where name = :name")
			.param("name", integration.secretSetting())
			.update() > 0) {
			this.cache.clearOnCommit();
			this.audit.record(AuditEntry.of(Actor.current(), "integration." + integration.key() + ".secret",
					"integration", integration.key(), "console secret",
					secretStatus(integration).set() ? "configured secret" : "none"));
		}
		return secretStatus(integration);
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
