package dev.partnerhub.commissions.web;

import dev.partnerhub.commissions.Bonus;
import dev.partnerhub.commissions.BonusResult;
import dev.partnerhub.commissions.CommissionApi;
import dev.partnerhub.partners.PartnerApi;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.MoneyInput;
import dev.partnerhub.support.NotFoundException;
import dev.partnerhub.support.UnprocessableException;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Give bonus" on the console's partner page. Bad input goes back to the page as a
 * message with what was typed; the form's bonus id makes a double submit one bonus.
 */
@Controller
class BonusConsoleController {

	private final CommissionApi commissions;

	private final PartnerApi partners;

	BonusConsoleController(CommissionApi commissions, PartnerApi partners) {
		this.commissions = commissions;
		this.partners = partners;
	}

	@PostMapping("/admin/partners/{id}/bonuses")
	String give(@PathVariable long id, @RequestParam(required = false) @Nullable String amount,
			@RequestParam(required = false) @Nullable String currency,
			@RequestParam(required = false) @Nullable String reason,
			@RequestParam(required = false) @Nullable String bonusId, RedirectAttributes redirect) {
		this.partners.findById(id).orElseThrow(() -> new NotFoundException("No partner " + id));
		try {
			String key = bonusId == null || bonusId.isBlank() ? null : bonusId.strip();
			BonusResult result = this.commissions
				.giveBonus(new Bonus(id, MoneyInput.parse("amount", amount == null ? null : amount.strip()),
						currency == null ? null : currency.strip(), reason, key));
			redirect.addFlashAttribute("message",
					(result.created() ? "Bonus given: " : "That bonus was given already: ")
							+ result.commission().amount() + " " + result.commission().currency() + " (commission "
							+ result.commission().id() + ", pending).");
		}
		catch (InvalidInputException | UnprocessableException | ConflictException ex) {
			redirect.addFlashAttribute("error", "No bonus given: " + ex.getMessage());
			redirect.addFlashAttribute("bonusAmount", amount);
			redirect.addFlashAttribute("bonusCurrency", currency);
			redirect.addFlashAttribute("bonusReason", reason);
			if (!(ex instanceof ConflictException)) {
				// the same form again: its id was not used
				redirect.addFlashAttribute("bonusId", bonusId);
			}
		}
		return "redirect:/admin/partners/" + id + "#bonus";
	}

}
