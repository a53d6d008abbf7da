package dev.partnerhub.accounts.web;

import java.security.Principal;

import dev.partnerhub.accounts.domain.TwoFactorPolicy;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The owner's rule "require two-factor sign-in for all admin users". For now every admin
 * reaches it (SecurityConfig: {@code /admin/**}); with roles it is for owners only.
 */
@Controller
@RequestMapping("/admin/settings/two-factor")
class TwoFactorSettingsController {

	private final TwoFactorPolicy twoFactor;

	TwoFactorSettingsController(TwoFactorPolicy twoFactor) {
		this.twoFactor = twoFactor;
	}

	@GetMapping
	String show(Model model) {
		model.addAttribute("required", this.twoFactor.requiredForAdmins());
		return "accounts/two-factor-settings";
	}

	@PostMapping
	String save(@RequestParam(defaultValue = "false") boolean required, Principal principal,
			RedirectAttributes redirect) {
		this.twoFactor.requireForAdmins(required, principal.getName());
		redirect.addFlashAttribute("message", required
				? "Two-factor sign-in is now required: admin users without it are sent to set it up at their next "
						+ "console page (also in sessions open now) or sign-in."
				: "Two-factor sign-in is optional for admin users now.");
		return "redirect:/admin/settings/two-factor";
	}

}
