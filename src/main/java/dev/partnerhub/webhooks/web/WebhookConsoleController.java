package dev.partnerhub.webhooks.web;

import java.util.List;

import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.web.ErrorPages;
import dev.partnerhub.webhooks.WebhookEventType;
import dev.partnerhub.webhooks.domain.WebhookEndpoints;
import dev.partnerhub.webhooks.domain.WebhookEndpoints.Created;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's Webhooks page: add an endpoint (its secret shown once), list, disable or
 * enable, delete, rotate the secret (shown once); per endpoint the delivery log with
 * "send again". A banner names endpoints the sender disabled after failing too long.
 */
@Controller
@ErrorPages(nav = "webhooks", back = "/admin/webhooks", backLabel = "Back to webhooks",
		notFound = "Webhook endpoint not found")
class WebhookConsoleController {

	static final int LOG_SIZE = 100;

	private final WebhookEndpoints endpoints;

	WebhookConsoleController(WebhookEndpoints endpoints) {
		this.endpoints = endpoints;
	}

	@GetMapping("/admin/webhooks")
	String list(Model model) {
		model.addAttribute("endpoints", this.endpoints.all());
		model.addAttribute("disabledForFailures", this.endpoints.disabledForFailures());
		model.addAttribute("eventTypes", WebhookEventType.wireNames());
		return "webhooks/index";
	}

	@PostMapping("/admin/webhooks")
	String add(@RequestParam(required = false) String url, @RequestParam(required = false) List<String> events,
			RedirectAttributes redirect) {
		try {
			Created created = this.endpoints.register(url, events);
			redirect.addFlashAttribute("message",
					"Endpoint added. Copy its signing secret now: it is not shown again.");
			redirect.addFlashAttribute("secret", created.secret());
			return "redirect:/admin/webhooks/" + created.id();
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			redirect.addFlashAttribute("url", url);
			return "redirect:/admin/webhooks";
		}
	}

	@GetMapping("/admin/webhooks/{id}")
	String endpoint(@PathVariable long id, Model model) {
		model.addAttribute("endpoint", this.endpoints.find(id));
		model.addAttribute("deliveries", this.endpoints.deliveries(id, LOG_SIZE));
		return "webhooks/endpoint";
	}

	@PostMapping("/admin/webhooks/{id}/disable")
	String disable(@PathVariable long id, RedirectAttributes redirect) {
		this.endpoints.disable(id);
		redirect.addFlashAttribute("message", "Endpoint disabled: events are kept for it but not sent.");
		return "redirect:/admin/webhooks/" + id;
	}

	@PostMapping("/admin/webhooks/{id}/enable")
	String enable(@PathVariable long id, RedirectAttributes redirect) {
		this.endpoints.enable(id);
		redirect.addFlashAttribute("message", "Endpoint enabled: waiting deliveries are sent now.");
		return "redirect:/admin/webhooks/" + id;
	}

	@PostMapping("/admin/webhooks/{id}/delete")
	String delete(@PathVariable long id, RedirectAttributes redirect) {
		this.endpoints.delete(id);
		redirect.addFlashAttribute("message", "Endpoint deleted with its delivery log.");
		return "redirect:/admin/webhooks";
	}

	@PostMapping("/admin/webhooks/{id}/rotate")
	String rotate(@PathVariable long id, RedirectAttributes redirect) {
		String secret = this.endpoints.rotate(id);
		redirect.addFlashAttribute("message",
				"New signing secret. Copy it now: it is not shown again, and the old one no longer signs.");
		redirect.addFlashAttribute("secret", secret);
		return "redirect:/admin/webhooks/" + id;
	}

	@PostMapping("/admin/webhooks/{id}/deliveries/{delivery}/resend")
	String resend(@PathVariable long id, @PathVariable long delivery, RedirectAttributes redirect) {
		this.endpoints.resend(id, delivery);
		redirect.addFlashAttribute("message", "Delivery " + delivery + " is queued to be sent again.");
		return "redirect:/admin/webhooks/" + id;
	}

}
