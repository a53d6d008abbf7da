package dev.partnerhub.programs.web;

import dev.partnerhub.programs.Credit;
import dev.partnerhub.programs.PartnerSettings;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.support.BaseUrl;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.web.ErrorPages;
import jakarta.validation.Valid;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The global partner settings: who gets the credit, the defaults new programs start from,
 * the payout schedule.
 */
@ErrorPages(nav = "settings", back = "/admin/settings", backLabel = "Back to settings")
@Controller
@RequestMapping("/admin/settings")
class SettingsController {

	private static final String FORM = "programs/settings";

	private final ProgramService programs;

	private final BaseUrl baseUrl;

	SettingsController(ProgramService programs, BaseUrl baseUrl) {
		this.programs = programs;
		this.baseUrl = baseUrl;
	}

	/**
	 * The public address links in e-mails use, shown with a warning while partners could
	 * not open it.
	 */
	@ModelAttribute("baseUrl")
	BaseUrl baseUrl() {
		return this.baseUrl;
	}

	@InitBinder("settings")
	void initBinder(WebDataBinder binder) {
		FormSupport.configure(binder);
	}

	@GetMapping
	String show(Model model) {
		model.addAttribute("settings", SettingsForm.of(this.programs.settings()));
		return FORM;
	}

	@PostMapping
	String save(@Valid @ModelAttribute("settings") SettingsForm form, BindingResult result,
			RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return FORM;
		}
		try {
			Rate first = Rates.of("defaultFirstTierRateType", "defaultFirstTierRateValue",
					form.getDefaultFirstTierRateType(), form.getDefaultFirstTierRateValue());
			Rate second = Rates.of("defaultSecondTierRateType", "defaultSecondTierRateValue",
					form.getDefaultSecondTierRateType(), form.getDefaultSecondTierRateValue());
			Credit credit;
			try {
				credit = Credit.of(form.getCredit());
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException("credit", "Choose first or last referrer.");
			}
			this.programs.updateSettings(new PartnerSettings(credit, form.getDefaultCurrency(), first, second,
					form.getDefaultCookieDays(), form.getDefaultApprovalDelayDays(), form.getDefaultMinimumPayout(),
					form.getPayoutSchedule(), form.getPayoutDay()));
			redirect.addFlashAttribute("message", "Partner settings saved.");
			return "redirect:/admin/settings";
		}
		catch (InvalidInputException ex) {
			String field = switch (String.valueOf(ex.field())) {
				case "defaultFirstTierRate" -> "defaultFirstTierRateValue";
				case "defaultSecondTierRate" -> "defaultSecondTierRateValue";
				default -> ex.field();
			};
			FormSupport.reject(result, field, ex.getMessage());
		}
		return FORM;
	}

}
