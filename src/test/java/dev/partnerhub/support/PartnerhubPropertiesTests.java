package dev.partnerhub.support;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code partnerhub.*} tree keeps the names and defaults the @Value placeholders had.
 */
class PartnerhubPropertiesTests {

	private static PartnerhubProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("partnerhub",
				PartnerhubProperties.class);
	}

	@Test
	void unsetPropertiesHaveTheOldDefaults() {
		PartnerhubProperties p = bind(Map.of());
		assertThat(p.baseUrl()).isNull();
		assertThat(new BaseUrl(p).value()).isEqualTo("http://localhost:8080");
		assertThat(p.bootstrap().adminEmail()).isEmpty();
		assertThat(p.bootstrap().adminPassword()).isEmpty();
		assertThat(p.bootstrap().apiKey()).isEmpty();
		assertThat(p.demo().enabled()).isTrue();
		assertThat(p.money().maxAmount()).isEqualByComparingTo("1000000.00");
		assertThat(p.orders().maxQuantity()).isEqualTo(10_000);
		assertThat(p.orders().groupCommit().writers()).isEqualTo(1);
		assertThat(p.orders().groupCommit().maxBatch()).isEqualTo(64);
		assertThat(p.orders().buyForm().label()).isEqualTo("Demo, no payment");
		assertThat(p.tracking().queueCapacity()).isEqualTo(100_000);
		assertThat(p.tracking().flushIntervalMs()).isEqualTo(200);
		assertThat(p.tracking().tokenSecret()).isEmpty();
		assertThat(p.mail().from()).isEqualTo("Partnerhub <no-reply@partnerhub.local>");
		assertThat(p.mail().delivery().enabled()).isTrue();
		assertThat(p.automation().rules().enabled()).isTrue();
		assertThat(p.automation().sequences().enabled()).isTrue();
		assertThat(p.integrations().stripe().webhookSecret()).isEmpty();
		assertThat(p.integrations().stripe().sessionWait()).isEqualTo(Duration.ofMinutes(10));
		assertThat(p.events().listenerThreads()).isEqualTo(4);
		assertThat(p.events().resubmitAfter()).isEqualTo(Duration.ofMinutes(1));
		assertThat(p.events().maxAttempts()).isEqualTo(10);
		assertThat(p.events().keepCompleted()).isEqualTo(Duration.ofDays(7));
		assertThat(p.jobs().threads()).isEqualTo(3);
		assertThat(p.metrics().scrapeToken()).isEmpty();
	}

	@Test
	void theDocumentedNamesBind() {
		PartnerhubProperties p = bind(Map.ofEntries(Map.entry("partnerhub.base-url", "https://partners.example.com/"),
				Map.entry("partnerhub.bootstrap.admin-email", "me@example.com"),
				Map.entry("partnerhub.demo.enabled", "false"), Map.entry("partnerhub.money.max-amount", "500.00"),
				Map.entry("partnerhub.orders.max-quantity", "7"),
				Map.entry("partnerhub.orders.group-commit.writers", "0"),
				Map.entry("partnerhub.orders.group-commit.max-batch", "8"),
				Map.entry("partnerhub.orders.buy-form.label", "Test shop"),
				Map.entry("partnerhub.tracking.queue-capacity", "10"),
				Map.entry("partnerhub.tracking.flush-interval-ms", "50"),
				Map.entry("partnerhub.tracking.token-secret", "s".repeat(32)),
				Map.entry("partnerhub.mail.from", "Shop <shop@example.com>"),
				Map.entry("partnerhub.mail.delivery.enabled", "false"),
				Map.entry("partnerhub.automation.rules.enabled", "false"),
				Map.entry("partnerhub.automation.sequences.enabled", "false"),
				Map.entry("partnerhub.integrations.stripe.webhook-secret", "whsec_1"),
				Map.entry("partnerhub.integrations.stripe.session-wait", "PT1M"),
				Map.entry("partnerhub.events.listener-threads", "2"),
				Map.entry("partnerhub.events.resubmit-after", "PT2M"), Map.entry("partnerhub.events.max-attempts", "3"),
				Map.entry("partnerhub.events.keep-completed", "P1D"), Map.entry("partnerhub.jobs.threads", "1"),
				Map.entry("partnerhub.metrics.scrape-token", "t")));
		assertThat(new BaseUrl(p).value()).isEqualTo("https://partners.example.com");
		assertThat(new BaseUrl(p).uri().getHost()).isEqualTo("partners.example.com");
		assertThat(p.bootstrap().adminEmail()).isEqualTo("me@example.com");
		assertThat(p.demo().enabled()).isFalse();
		assertThat(p.money().maxAmount()).isEqualByComparingTo(new BigDecimal("500.00"));
		assertThat(p.orders().maxQuantity()).isEqualTo(7);
		assertThat(p.orders().groupCommit().writers()).isZero();
		assertThat(p.orders().groupCommit().maxBatch()).isEqualTo(8);
		assertThat(p.orders().buyForm().label()).isEqualTo("Test shop");
		assertThat(p.tracking().queueCapacity()).isEqualTo(10);
		assertThat(p.tracking().flushIntervalMs()).isEqualTo(50);
		assertThat(p.tracking().tokenSecret()).hasSize(32);
		assertThat(p.mail().from()).isEqualTo("Shop <shop@example.com>");
		assertThat(p.mail().delivery().enabled()).isFalse();
		assertThat(p.automation().rules().enabled()).isFalse();
		assertThat(p.automation().sequences().enabled()).isFalse();
		assertThat(p.integrations().stripe().webhookSecret()).isEqualTo("whsec_1");
		assertThat(p.integrations().stripe().sessionWait()).isEqualTo(Duration.ofMinutes(1));
		assertThat(p.events().listenerThreads()).isEqualTo(2);
		assertThat(p.events().resubmitAfter()).isEqualTo(Duration.ofMinutes(2));
		assertThat(p.events().maxAttempts()).isEqualTo(3);
		assertThat(p.events().keepCompleted()).isEqualTo(Duration.ofDays(1));
		assertThat(p.jobs().threads()).isEqualTo(1);
		assertThat(p.metrics().scrapeToken()).isEqualTo("t");
	}

}
