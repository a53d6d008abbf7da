package dev.partnerhub.payouts.web;

import dev.partnerhub.payouts.PayoutDetailsApi.MethodChange;
import dev.partnerhub.payouts.domain.PayoutDetailsService;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.web.ErrorPages;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A partner's payout method and tax details in the console (linked from the partner
 * page): masked, and the method can be changed for him (audited as the admin, e-mailed to
 * the partner).
 */
@ErrorPages(nav = "partners", back = "/admin/partners", backLabel = "Back to partners", notFound = "Partner not found",
		notFoundDetail = "There is no partner with this id.")
@Controller
class PartnerPayoutMethodController {

	private final PayoutDetailsService details;

	PartnerPayoutMethodController(PayoutDetailsService details) {
		this.details = details;
	}

	@GetMapping("/admin/partners/{id}/payout-method")
	String show(@PathVariable long id, Model model) {
		model.addAttribute("partnerId", id);
		model.addAttribute("method", this.details.method(id));
		model.addAttribute("tax", this.details.taxDetails(id));
		return "payouts/partner-method";
	}

	@PostMapping("/admin/partners/{id}/payout-method")
	String change(@PathVariable long id, @RequestParam(required = false) @Nullable String method,
			@RequestParam(required = false) @Nullable String payoutEmail,
			@RequestParam(required = false) @Nullable String accountHolder,
			@RequestParam(required = false) @Nullable String iban, @RequestParam(required = false) @Nullable String bic,
			@RequestParam(required = false) @Nullable String localDetails,
			@RequestParam(required = false) @Nullable String instructions, RedirectAttributes redirect) {
		try {
			this.details.changeMethod(id,
					new MethodChange(method, payoutEmail, accountHolder, iban, bic, localDetails, instructions));
			redirect.addFlashAttribute("message", "Payout method saved; the partner was told by e-mail.");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/admin/partners/" + id + "/payout-method";
	}

}
