package dev.partnerhub.integrations;

import java.time.Instant;

import com.stripe.net.Webhook;
import dev.partnerhub.IntegrationTest;
import dev.partnerhub.integrations.domain.Integration;
import dev.partnerhub.integrations.domain.IntegrationSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The console's Integrations page: the Stripe signing secret is set there (admins, CSRF),
 * shown back only by its last four characters, and wins over the configuration (the
 * shared test context configures none).
 */
@IntegrationTest
class IntegrationsConsoleTests {

	static final RequestPostProcessor ADMIN = user("admin@test.local").roles("ADMIN");

	@Autowired
	MockMvc mvc;

	@Autowired
	IntegrationSettings settings;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void forget() {
		this.settings.clearStripeSecret();
		this.settings.clearSecret(Integration.WOOCOMMERCE);
		this.settings.clearSecret(Integration.SHOPIFY);
	}

	ResultActions deliver(String payload, String secret) throws Exception {
		long now = Instant.now().getEpochSecond();
		return this.mvc.perform(post("/webhooks/stripe").contentType(MediaType.APPLICATION_JSON)
			.content(payload)
			.header("Stripe-Signature",
					"t=" + now + ",v1=" + Webhook.Util.computeHmacSha256(secret, now + "." + payload)));
	}

	@Test
	void theSecretIsSetHereShownByItsLastFourCharactersAndUsedToVerify() throws Exception {
		this.settings.clearStripeSecret();
		String payload = "{\"id\": \"evt_console_" + Instant.now().toEpochMilli() + "\", \"object\": \"event\","
				+ " \"type\": \"customer.created\", \"created\": " + Instant.now().getEpochSecond()
				+ ", \"livemode\": false, \"data\": {\"object\": {\"id\": \"cus_1\", \"object\": \"customer\"}}}";
		// no secret anywhere: Stripe is told to try again later
		deliver(payload, "whsec_anything_at_all_1234").andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "60"))
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		this.mvc.perform(get("/admin/integrations").with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("http://localhost:8080/webhooks/stripe")))
			.andExpect(content().string(containsString("invoice_payment.paid")))
			.andExpect(content().string(containsString("not set")));

		String secret = "whsec_c0ns0leSecretF0rTests9xYz";
		this.mvc.perform(post("/admin/integrations/stripe/secret").param("secret", secret).with(csrf()).with(ADMIN))
			.andExpect(redirectedUrl("/admin/integrations"))
			.andExpect(flash().attribute("message", containsString("9xYz")));
		this.mvc.perform(get("/admin/integrations").with(ADMIN))
			.andExpect(content().string(containsString("9xYz")))
			.andExpect(content().string(not(containsString(secret))))
			.andExpect(content().string(not(containsString("c0ns0le"))));
		assertThat(this.jdbc
			.sql("select count(*) from audit_entry where action = 'integration.stripe.secret' "
					+ "and (coalesce(after_value, '') like '%c0ns0le%' or coalesce(before_value, '') like '%c0ns0le%')")
			.query(Long.class)
			.single()).isZero();

		deliver(payload, secret).andExpect(status().isOk()).andExpect(jsonPath("$.outcome").value("ignored"));
		deliver(payload, "whsec_someone_elses_secret_0000").andExpect(status().isBadRequest());
		this.mvc.perform(get("/admin/integrations").with(ADMIN))
			.andExpect(content().string(containsString("customer.created")));

		this.mvc.perform(post("/admin/integrations/stripe/secret/clear").with(csrf()).with(ADMIN))
			.andExpect(redirectedUrl("/admin/integrations"));
		deliver(payload, secret).andExpect(status().isServiceUnavailable());
	}

	@Test
	void thePageListsRefundsAndFirstInvoicesThatWait() throws Exception {
		String tag = Long.toString(System.nanoTime(), 36);
		this.jdbc
			.sql("""
					insert into stripe_refund (refund_id, stripe_charge, amount, charge_amount, completes, currency, refs,
					    status, detail, event_id)
					values (:id, :ch, 12.50, 50.00, false, 'EUR', array[:ch], 'pending', 'waiting for the payment''s order', :e)
					""")
			.param("id", "re_page_" + tag)
			.param("ch", "ch_page_" + tag)
			.param("e", "evt_page_" + tag)
			.update();
		this.jdbc.sql("""
				insert into stripe_subscription (subscription_id, waiting_invoice, waiting_since)
				values (:id, '{"id": "in_1"}', now())
				""").param("id", "sub_page_" + tag).update();
		this.jdbc.sql("""
				insert into shop_refund (refund_id, provider, order_id, amount, status, detail, delivery_id)
				values (:id, 'shopify', :order, 54.00, 'pending', 'waiting for its order', :d)
				""")
			.param("id", "shopify-refund:page" + tag)
			.param("order", "shopify:page" + tag)
			.param("d", tag)
			.update();
		this.mvc.perform(get("/admin/integrations").with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("shopify-refund:page" + tag)))
			.andExpect(content().string(containsString("54.00")))
			.andExpect(content().string(containsString("re_page_" + tag)))
			.andExpect(content().string(containsString("12.50 EUR")))
			.andExpect(content().string(containsString("sub_page_" + tag)));
		this.jdbc.sql(
				"update stripe_subscription set waiting_invoice = null, waiting_since = null where subscription_id = :id")
			.param("id", "sub_page_" + tag)
			.update();
	}

	@Test
	void onlyAdminsWithTheFormsTokenChangeTheSecret() throws Exception {
		this.mvc
			.perform(post("/admin/integrations/stripe/secret").param("secret", "not a stripe secret")
				.with(csrf())
				.with(ADMIN))
			.andExpect(flash().attribute("error", containsString("whsec_")));
		assertThat(this.settings.stripeSecretStatus().set()).isFalse();
		String secret = "whsec_ShouldNeverBeStored0000";
		this.mvc.perform(post("/admin/integrations/stripe/secret").param("secret", secret).with(ADMIN))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/admin/integrations/stripe/secret").param("secret", secret)
				.with(csrf())
				.with(user("p@partners.example.com").roles("PARTNER")))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/admin/integrations").with(user("p@partners.example.com").roles("PARTNER")))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/admin/integrations/stripe/secret").param("secret", secret).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/login"));
		assertThat(this.settings.stripeSecretStatus().set()).isFalse();
	}

	@Test
	void theShopsSecretsAreSetHereShownByTheirLastFourCharactersAndTheirDeliveriesListed() throws Exception {
		forget();
		this.mvc.perform(get("/admin/integrations").with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("http://localhost:8080/webhooks/woocommerce")))
			.andExpect(content().string(containsString("http://localhost:8080/webhooks/shopify")))
			.andExpect(content().string(containsString("refunds/create")));
		String woo = "wc-S3cret!from-the-shop-W00q";
		this.mvc.perform(post("/admin/integrations/woocommerce/secret").param("secret", woo).with(csrf()).with(ADMIN))
			.andExpect(redirectedUrl("/admin/integrations"))
			.andExpect(
					flash().attribute("message", containsString("WooCommerce signing secret saved (ending in W00q)")));
		this.mvc.perform(
				post("/admin/integrations/shopify/secret").param("secret", "has spaces in it").with(csrf()).with(ADMIN))
			.andExpect(flash().attribute("error", containsString("Shopify")));
		this.mvc.perform(post("/admin/integrations/shopify/secret").param("secret", woo).with(ADMIN))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/admin/integrations/magento/secret").param("secret", woo).with(csrf()).with(ADMIN))
			.andExpect(status().isNotFound());
		assertThat(this.settings.secretStatus(Integration.SHOPIFY).set()).isFalse();
		assertThat(this.settings.secret(Integration.WOOCOMMERCE)).hasValue(woo);

		// a delivery signed with it is received and listed
		String topic = "coupon.created";
		String delivery = "console-" + System.nanoTime();
		String body = "{\"id\": 1}";
		javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
		mac.init(new javax.crypto.spec.SecretKeySpec(woo.getBytes(java.nio.charset.StandardCharsets.UTF_8),
				"HmacSHA256"));
		this.mvc
			.perform(
					post("/webhooks/woocommerce").contentType(MediaType.APPLICATION_JSON)
						.content(body)
						.header("X-WC-Webhook-Topic", topic)
						.header("X-WC-Webhook-Delivery-ID", delivery)
						.header("X-WC-Webhook-Signature", java.util.Base64.getEncoder()
							.encodeToString(mac.doFinal(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.outcome").value("ignored"));
		this.mvc.perform(get("/admin/integrations").with(ADMIN))
			.andExpect(content().string(containsString(delivery)))
			.andExpect(content().string(containsString("W00q")))
			.andExpect(content().string(not(containsString(woo))));
		assertThat(this.jdbc.sql("select count(*) from audit_entry where action = 'integration.woocommerce.secret' "
				+ "and (coalesce(after_value, '') like '%from-the-shop%' or coalesce(before_value, '') like '%from-the-shop%')")
			.query(Long.class)
			.single()).isZero();
		this.mvc.perform(post("/admin/integrations/woocommerce/secret/clear").with(csrf()).with(ADMIN))
			.andExpect(redirectedUrl("/admin/integrations"));
		assertThat(this.settings.secret(Integration.WOOCOMMERCE)).isEmpty();
	}

}
