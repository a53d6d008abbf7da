package dev.partnerhub.integrations.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * The shops and payment providers whose webhooks Partnerhub receives: the name in URLs
 * and properties ({@code partnerhub.integrations.<name>.webhook-secret}), and what their
 * signing secrets look like.
 */
public enum Integration {

	STRIPE("Stripe", "whsec_[A-Za-z0-9+/=_-]{8,200}",
			"Paste the endpoint's signing secret from Stripe: it starts with whsec_ (Developers → Webhooks → your endpoint → Signing secret)."),

	WOOCOMMERCE("WooCommerce", "[\\x21-\\x7E]{8,250}",
			"Paste the webhook's Secret from WooCommerce → Settings → Advanced → Webhooks: 8 to 250 characters without spaces."),

	SHOPIFY("Shopify", "[\\x21-\\x7E]{8,250}",
			"Paste the signing key Shopify shows under Settings → Notifications → Webhooks (or your app's client secret): 8 to 250 characters without spaces.");

	private final String label;

	private final String format;

	private final String hint;

	Integration(String label, String format, String hint) {
		this.label = label;
		this.format = format;
		this.hint = hint;
	}

	/**
	 * {@code stripe}, {@code woocommerce}, {@code shopify}: in URLs, properties and
	 * settings.
	 */
	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	public String label() {
		return this.label;
	}

	boolean accepts(String secret) {
		return secret.matches(this.format);
	}

	String hint() {
		return this.hint;
	}

	/** The setting name in {@code integration_setting}. */
	String secretSetting() {
		return key() + ".webhook-secret";
	}

	public static Optional<Integration> of(String key) {
		for (Integration integration : values()) {
			if (integration.key().equals(key)) {
				return Optional.of(integration);
			}
		}
		return Optional.empty();
	}

}
