package dev.partnerhub.commissions.web;

import dev.partnerhub.audit.Actor;
import dev.partnerhub.commissions.domain.HoldReview;
import dev.partnerhub.commissions.domain.HoldRules;
import dev.partnerhub.support.ConflictException;
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
 * Fraud hold in the console: the held commissions with their reasons (release or decline
 * each with a note) and the hold rules' settings.
 */
@Controller
class HoldConsoleController {

	static final int PAGE_SIZE = 50;

	private final HoldReview review;

	private final HoldRules rules;

	HoldConsoleController(HoldReview review, HoldRules rules) {
		this.review = review;
		this.rules = rules;
	}

	@GetMapping("/admin/commissions/held")
	String held(@RequestParam(defaultValue = "0") String page, Model model) {
		int p;
		try {
			p = Math.max(0, Math.min(Integer.parseInt(page), 100_000));
		}
		catch (NumberFormatException ex) {
			p = 0;
		}
		model.addAttribute("held", this.review.held(PAGE_SIZE, (long) p * PAGE_SIZE));
		model.addAttribute("total", this.review.countHeld());
		model.addAttribute("page", p);
		model.addAttribute("pageSize", PAGE_SIZE);
		return "commissions/held";
	}

	@PostMapping("/admin/commissions/{id}/release")
	String release(@PathVariable long id, @RequestParam(required = false) @Nullable String note,
			RedirectAttributes redirect) {
		return act(id, note, redirect, true);
	}

	@PostMapping("/admin/commissions/{id}/decline-held")
	String declineHeld(@PathVariable long id, @RequestParam(required = false) @Nullable String note,
			RedirectAttributes redirect) {
		return act(id, note, redirect, false);
	}

	private String act(long id, @Nullable String note, RedirectAttributes redirect, boolean release) {
		try {
			if (release) {
				this.review.release(id, note, Actor.current());
				redirect.addFlashAttribute("message", "Commission " + id + " released: it is pending again.");
			}
			else {
				this.review.decline(id, note, Actor.current());
				redirect.addFlashAttribute("message", "Commission " + id + " declined.");
			}
		}
		catch (InvalidInputException | ConflictException ex) {
			redirect.addFlashAttribute("error", "Commission " + id + ": " + ex.getMessage());
		}
		return "redirect:/admin/commissions/held";
	}

	@GetMapping("/admin/settings/fraud-hold")
	String settings(Model model) {
		if (!model.containsAttribute("hold")) {
			model.addAttribute("hold", this.rules.current());
		}
		return "commissions/hold-settings";
	}

	@PostMapping("/admin/settings/fraud-hold")
	String save(@RequestParam(required = false) @Nullable String matchPartner,
			@RequestParam(required = false) @Nullable String maxOrdersPerIpPerDay,
			@RequestParam(required = false) @Nullable String minSecondsAfterClick, RedirectAttributes redirect) {
		try {
			this.rules
				.save(new HoldRules.Settings(matchPartner != null, number("maxOrdersPerIpPerDay", maxOrdersPerIpPerDay),
						number("minSecondsAfterClick", minSecondsAfterClick)), Actor.current());
			redirect.addFlashAttribute("message", "Hold rules saved.");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("error", "Not saved: " + ex.getMessage());
		}
		return "redirect:/admin/settings/fraud-hold";
	}

	private static int number(String field, @Nullable String text) {
		if (text == null || !text.strip().matches("[0-9]{1,6}")) {
			throw new InvalidInputException(field, "Enter a whole number (0 = off).");
		}
		return Integer.parseInt(text.strip());
	}

}
