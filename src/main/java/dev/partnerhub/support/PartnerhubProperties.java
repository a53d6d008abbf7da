package dev.partnerhub.support;

import java.math.BigDecimal;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every {@code partnerhub.*} setting the application reads, with its default
 * (application.properties, the README and docs/operations.md name them). One record per
 * area; a class takes this and picks its area instead of an {@code @Value} per setting.
 * Not here: {@code partnerhub.database.embedded.*} (the embedded database's
 * auto-configuration, {@code EmbeddedDatabaseProperties}),
 * {@code partnerhub.logging.json} (read before the context exists) and the schedules of
 * {@code @Scheduled} methods (placeholders on the annotation).
 *
 * @param baseUrl the public address as configured (null when unset); read it through
 * {@link BaseUrl}, which applies the default and drops a trailing slash — kept as text so
 * that a malformed value is reported, not a start-up failure
 */
@ConfigurationProperties("partnerhub")
public record PartnerhubProperties(String baseUrl, @DefaultValue Bootstrap bootstrap, @DefaultValue Demo demo,
		@DefaultValue Money money, @DefaultValue Orders orders, @DefaultValue Tracking tracking,
		@DefaultValue Mail mail, @DefaultValue Automation automation, @DefaultValue Integrations integrations,
		@DefaultValue Events events, @DefaultValue Jobs jobs, @DefaultValue Metrics metrics,
		@DefaultValue Webhooks webhooks, @DefaultValue Payouts payouts, @DefaultValue Fraud fraud,
		@DefaultValue TwoFactor twoFactor) {

	/**
	 * Fraud hold rules' defaults (the console's settings page overrides them): a new
	 * commission is {@code held} for review when one of them matches.
	 *
	 * @param matchPartner the buyer's e-mail is the partner's payout e-mail (his contact
	 * e-mail never earns at all)
	 * @param maxOrdersPerIpPerDay more orders than this from one IP (the order API's
	 * {@code ip}) for one partner on one UTC day; 0 = off
	 * @param minSecondsAfterClick the order came less than this many seconds after the
	 * click that credited it; 0 = off
	 */
	public record Fraud(@DefaultValue("true") boolean matchPartner, @DefaultValue("10") int maxOrdersPerIpPerDay,
			@DefaultValue("0") int minSecondsAfterClick) {
	}

	/**
	 * The first admin and API key, created at start-up when set (empty: none).
	 *
	 * @param adminEmail the admin's login
	 * @param adminPassword the admin's password
	 * @param apiKey an API key to register
	 */
	public record Bootstrap(String adminEmail, String adminPassword, String apiKey) {

		public Bootstrap {
			adminEmail = text(adminEmail);
			adminPassword = text(adminPassword);
			apiKey = text(apiKey);
		}

	}

	/**
	 * @param enabled seed the demo business on an empty embedded database
	 */
	public record Demo(@DefaultValue("true") boolean enabled) {
	}

	/**
	 * @param maxAmount the largest amount any money input accepts
	 */
	public record Money(@DefaultValue("1000000.00") BigDecimal maxAmount) {
	}

	/**
	 * @param maxQuantity the largest quantity of one order item
	 * @param groupCommit the order writer's group commit
	 * @param buyForm the hosted order form
	 */
	public record Orders(@DefaultValue("10000") int maxQuantity, @DefaultValue GroupCommit groupCommit,
			@DefaultValue BuyForm buyForm) {

		/**
		 * @param writers writer threads (0: every order in its own transaction)
		 * @param maxBatch the most orders in one transaction
		 */
		public record GroupCommit(@DefaultValue("1") int writers, @DefaultValue("64") int maxBatch) {
		}

		/**
		 * @param label the form's label beside "recorded as unpaid"
		 */
		public record BuyForm(@DefaultValue("Demo, no payment") String label) {
		}

	}

	/**
	 * @param queueCapacity clicks and visits queued in memory before new ones are dropped
	 * @param flushIntervalMs how often the background writer stores the queue
	 * @param tokenSecret the click tokens' HMAC secret, at least 32 bytes (empty:
	 * generated and kept in the database)
	 */
	public record Tracking(@DefaultValue("100000") int queueCapacity, @DefaultValue("200") long flushIntervalMs,
			String tokenSecret) {

		public Tracking {
			tokenSecret = text(tokenSecret);
		}

	}

	/**
	 * @param from the sender of every e-mail
	 * @param delivery the outbox sender
	 */
	public record Mail(@DefaultValue("Partnerhub <no-reply@partnerhub.local>") String from,
			@DefaultValue Delivery delivery) {

		/**
		 * @param enabled send the outbox on a schedule
		 * @param maxPerRun at most this many messages per delivery run (the rest wait for
		 * the next run, 5 s later)
		 */
		public record Delivery(@DefaultValue("true") boolean enabled, @DefaultValue("500") int maxPerRun) {
		}

	}

	/**
	 * @param rules automation rules
	 * @param sequences e-mail sequences
	 */
	public record Automation(@DefaultValue Switch rules, @DefaultValue Switch sequences) {

		/**
		 * @param enabled run on a schedule
		 */
		public record Switch(@DefaultValue("true") boolean enabled) {
		}

	}

	/**
	 * @param stripe the Stripe webhook
	 * @param woocommerce the WooCommerce webhook
	 * @param shopify the Shopify webhook
	 */
	public record Integrations(@DefaultValue Stripe stripe, @DefaultValue Shop woocommerce,
			@DefaultValue Shop shopify) {

		/**
		 * @param webhookSecret the signing secret (empty: the one saved in the console)
		 * @param sessionWait how long a checkout session waits for its charge
		 */
		public record Stripe(String webhookSecret, @DefaultValue("PT10M") Duration sessionWait) {

			public Stripe {
				webhookSecret = text(webhookSecret);
			}

		}

		/**
		 * @param webhookSecret the shop's webhook signing secret (empty: the one saved in
		 * the console)
		 */
		public record Shop(String webhookSecret) {

			public Shop {
				webhookSecret = text(webhookSecret);
			}

		}

	}

	/**
	 * @param listenerThreads threads of the registry-backed event listeners
	 * @param resubmitAfter age of an incomplete publication before it is handed to its
	 * listener again
	 * @param maxAttempts attempts before a publication is left failed for an operator
	 * @param keepCompleted how long completed publications are kept
	 */
	public record Events(@DefaultValue("4") int listenerThreads, @DefaultValue("PT1M") Duration resubmitAfter,
			@DefaultValue("10") int maxAttempts, @DefaultValue("P7D") Duration keepCompleted) {
	}

	/**
	 * @param threads the jobs facility's worker threads
	 */
	public record Jobs(@DefaultValue("3") int threads) {
	}

	/**
	 * @param scrapeToken bearer token of the Prometheus scraper (empty: admins only)
	 */
	public record Metrics(String scrapeToken) {

		public Metrics {
			scrapeToken = text(scrapeToken);
		}

	}

	/**
	 * Outgoing webhooks (docs/integrations.md, docs/security.md).
	 *
	 * @param allowHttp accept {@code http://} endpoint URLs (otherwise only https; the
	 * demo run accepts http too)
	 * @param allowPrivateNetworks accept endpoints on loopback, private, link-local,
	 * multicast and other non-public addresses (tests; never on a public server)
	 * @param disableAfter an endpoint that has failed without a success for this long is
	 * disabled
	 * @param connectTimeout connection timeout of one delivery
	 * @param requestTimeout time a receiver has to answer one delivery
	 * @param delivery the background sender
	 */
	public record Webhooks(@DefaultValue("false") boolean allowHttp,
			@DefaultValue("false") boolean allowPrivateNetworks, @DefaultValue("P5D") Duration disableAfter,
			@DefaultValue("PT3S") Duration connectTimeout, @DefaultValue("PT10S") Duration requestTimeout,
			@DefaultValue Delivery delivery) {

		/**
		 * @param enabled run the scheduled sender (tests call it directly)
		 */
		public record Delivery(@DefaultValue("true") boolean enabled) {
		}

	}

	/**
	 * Payouts: the key that encrypts partners' bank details and tax ids at rest, and the
	 * debtor account of SEPA credit transfer files.
	 *
	 * @param encryptionKey AES key, base64 of 32 bytes (16 and 24 work too); unset = a
	 * fixed development key (a warning at start-up outside the demo). Never change it
	 * once details are stored: they could no longer be read.
	 * @param sepa the paying (debtor) account of SEPA files
	 */
	public record Payouts(String encryptionKey, @DefaultValue Sepa sepa) {

		/**
		 * @param debtorName the account holder as the bank knows it (at most 70
		 * characters)
		 * @param debtorIban the account the transfers are paid from
		 * @param debtorBic its bank's BIC (optional: "NOTPROVIDED" in the file)
		 */
		public record Sepa(String debtorName, String debtorIban, String debtorBic) {
		}

	}

	/**
	 * Two-factor sign-in of admin users (docs/security.md).
	 *
	 * @param encryptionKey AES key that encrypts the TOTP secrets at rest, base64 of 32
	 * bytes (16 and 24 work too); unset = a fixed development key (a warning at start-up
	 * outside the demo). Changing it makes the stored secrets unreadable: enrolled admins
	 * then sign in with a recovery code and enrol again.
	 * @param issuer the name authenticator apps show next to the account
	 */
	public record TwoFactor(String encryptionKey, @DefaultValue("Partnerhub") String issuer) {
	}

	private static String text(String value) {
		return value == null ? "" : value;
	}

}
