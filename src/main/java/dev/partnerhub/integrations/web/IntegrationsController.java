package dev.partnerhub.integrations.web;

import java.util.List;

import dev.partnerhub.integrations.domain.IntegrationSettings;
import dev.partnerhub.integrations.domain.StripeActivity;
import dev.partnerhub.support.BaseUrl;
import dev.partnerhub.support.InvalidInputException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's Integrations page: how to connect Stripe (the endpoint to paste, the events to tick), its signing
 * secret (set or cleared here, never shown back but for its last four characters) and what the webhook received.
 */
@Controller
class IntegrationsController {

	/** The events to tick in Stripe's webhook form. */
	static final List<String> STRIPE_EVENTS = List.of("checkout.session.completed",
			"checkout.session.async_payment_succeeded", "invoice.paid", "invoice_payment.paid", "charge.refunded",
			"customer.subscription.deleted");

	private final IntegrationSettings settings;

	private final StripeActivity activity;

	private final String baseUrl;

	IntegrationsController(IntegrationSettings settings, StripeActivity activity,
			BaseUrl baseUrl) {
		this.settings = settings;
		this.activity = activity;
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
		return "integrations/index";
	}

	@PostMapping("/admin/integrations/stripe/secret")
	String setSecret(@RequestParam(required = false) String secret, RedirectAttributes redirect) {
		try {
			IntegrationSettings.SecretStatus status = this.settings.setStripeSecret(secret);
			redirect.addFlashAttribute("message",
					"Stripe signing secret saved (ending in " + status.lastFour() + ").");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/admin/integrations";
	}

	@PostMapping("/admin/integrations/stripe/secret/clear")
	String clearSecret(RedirectAttributes redirect) {
		IntegrationSettings.SecretStatus status = this.settings.clearStripeSecret();
		redirect.addFlashAttribute("message", status.set()
				? "The console's secret is removed; the configured one (ending in " + status.lastFour() + ") is used."
				: "The console's secret is removed; no secret is set, so Stripe deliveries wait (503) until one is.");
		return "redirect:/admin/integrations";
	}

}
