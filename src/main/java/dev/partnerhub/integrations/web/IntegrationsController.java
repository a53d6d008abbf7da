package dev.partnerhub.integrations.web;

import java.util.List;

import dev.partnerhub.integrations.domain.Integration;
import dev.partnerhub.integrations.domain.IntegrationSettings;
import dev.partnerhub.integrations.domain.ShopActivity;
import dev.partnerhub.integrations.domain.StripeActivity;
import dev.partnerhub.support.BaseUrl;
import dev.partnerhub.support.NotFoundException;
import dev.partnerhub.support.InvalidInputException;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's Integrations page: how to connect Stripe, WooCommerce and Shopify (the
 * endpoint to paste, the events or topics to tick), their signing secrets (set or cleared
 * here, never shown back but for their last four characters) and what the webhooks
 * received.
 */
@Controller
class IntegrationsController {

	/** The events to tick in Stripe's webhook form. */
	static final List<String> STRIPE_EVENTS = List.of("checkout.session.completed",
			"checkout.session.async_payment_succeeded", "invoice.paid", "invoice_payment.paid", "charge.refunded",
			"customer.subscription.deleted");

	/** The WooCommerce and Shopify topics to choose. */
	static final List<String> WOOCOMMERCE_TOPICS = List.of("order.created", "order.updated");

	static final List<String> SHOPIFY_TOPICS = List.of("orders/paid", "refunds/create");

	private final IntegrationSettings settings;

	private final StripeActivity activity;

	private final ShopActivity shops;

	private final String baseUrl;

	IntegrationsController(IntegrationSettings settings, StripeActivity activity, ShopActivity shops, BaseUrl baseUrl) {
		this.settings = settings;
		this.activity = activity;
		this.shops = shops;
		this.baseUrl = baseUrl.value();
	}

	@GetMapping("/admin/integrations")
	String page(Model model) {
		model.addAttribute("endpoint", this.baseUrl + "/webhooks/stripe");
		model.addAttribute("events", STRIPE_EVENTS);
		model.addAttribute("secret", this.settings.stripeSecretStatus());
		model.addAttribute("received", this.activity.recentEvents(50));
		model.addAttribute("refunds", this.activity.refunds(50));
		model.addAttribute("waiting", this.activity.waiting());
		model.addAttribute("shopCards", List.of(new ShopCard("woocommerce", "WooCommerce",
				this.baseUrl + "/webhooks/woocommerce", WOOCOMMERCE_TOPICS,
				this.settings.secretStatus(Integration.WOOCOMMERCE),
				"WooCommerce → Settings → Advanced → Webhooks → Add webhook (one per topic, status Active, API version WP REST API Integration v3)",
				"the order meta field ph_ref"),
				new ShopCard("shopify", "Shopify", this.baseUrl + "/webhooks/shopify", SHOPIFY_TOPICS,
						this.settings.secretStatus(Integration.SHOPIFY),
						"Shopify admin → Settings → Notifications → Webhooks → Create webhook (one per topic, format JSON)",
						"the cart attribute ph_ref (an order note attribute)")));
		model.addAttribute("shopDeliveries", this.shops.recentDeliveries(50));
		model.addAttribute("shopRefunds", this.shops.refunds(50));
		return "integrations/index";
	}

	@PostMapping("/admin/integrations/{provider}/secret")
	String setSecret(@PathVariable String provider, @RequestParam(required = false) @Nullable String secret,
			RedirectAttributes redirect) {
		Integration integration = integration(provider);
		try {
			IntegrationSettings.SecretStatus status = this.settings.setSecret(integration, secret);
			redirect.addFlashAttribute("message",
					integration.label() + " signing secret saved (ending in " + status.lastFour() + ").");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/admin/integrations";
	}

	@PostMapping("/admin/integrations/{provider}/secret/clear")
	String clearSecret(@PathVariable String provider, RedirectAttributes redirect) {
		Integration integration = integration(provider);
		IntegrationSettings.SecretStatus status = this.settings.clearSecret(integration);
		redirect.addFlashAttribute("message",
				status.set()
						? "The console's secret is removed; the configured one (ending in " + status.lastFour()
								+ ") is used."
						: "The console's secret is removed; no secret is set, so " + integration.label()
								+ " deliveries wait (503) until one is.");
		return "redirect:/admin/integrations";
	}

	/** What the page says about connecting one shop. */
	record ShopCard(String key, String label, String endpoint, List<String> topics,
			IntegrationSettings.SecretStatus secret, String where, String referral) {
	}

	private static Integration integration(String provider) {
		return Integration.of(provider).orElseThrow(() -> new NotFoundException("No integration " + provider + "."));
	}

}
