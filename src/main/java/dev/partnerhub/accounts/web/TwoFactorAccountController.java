package dev.partnerhub.accounts.web;

import java.util.List;

import dev.partnerhub.accounts.domain.TwoFactorPolicy;
import dev.partnerhub.accounts.domain.TwoFactorService;
import dev.partnerhub.accounts.security.TwoFactorSignIn;
import dev.partnerhub.accounts.security.TwoFactorThrottle;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An admin user's own two-factor sign-in: enrol with a QR code (confirmed with a current
 * code, then ten recovery codes shown once), or turn it off with password and code. An
 * admin who must enrol before anything else (the owner's rule) is only let in here.
 */
@Controller
@RequestMapping(TwoFactorSignIn.ENROLMENT_PAGE)
class TwoFactorAccountController {

	private static final String PAGE = "accounts/two-factor";

	private final TwoFactorService twoFactor;

	private final TwoFactorPolicy policy;

	private final TwoFactorSignIn signIn;

	private final TwoFactorThrottle throttle;

	TwoFactorAccountController(TwoFactorService twoFactor, TwoFactorPolicy policy, TwoFactorSignIn signIn,
			TwoFactorThrottle throttle) {
		this.twoFactor = twoFactor;
		this.policy = policy;
		this.signIn = signIn;
		this.throttle = throttle;
	}

	@GetMapping
	String show(Authentication authentication, Model model) {
		return page(user(authentication), authentication, model);
	}

	@PostMapping("/start")
	String start(Authentication authentication, RedirectAttributes redirect) {
		TwoFactorService.Status user = user(authentication);
		if (user.enabled()) {
			redirect.addFlashAttribute("error",
					"Two-factor sign-in is on already. Turn it off first to set up a new app.");
		}
		else {
			this.twoFactor.start(user.userId(), user.email());
		}
		return "redirect:" + TwoFactorSignIn.ENROLMENT_PAGE;
	}

	@PostMapping("/confirm")
	String confirm(@RequestParam(defaultValue = "") String code, Authentication authentication,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		TwoFactorService.Status user = user(authentication);
		TwoFactorThrottle.Attempt attempt = this.throttle.reserve(user.userId()).orElse(null);
		if (attempt == null) {
			response.setStatus(429);
			model.addAttribute("error", "Too many wrong codes for this account. Wait 15 minutes and try again.");
			return page(user, authentication, model);
		}
		List<String> recoveryCodes = this.twoFactor.confirm(user.userId(), code).orElse(null);
		if (recoveryCodes == null) {
			response.setStatus(422);
			model.addAttribute("codeError",
					"That code is wrong. Enter the 6-digit code your authenticator app shows now for this account.");
			return page(user, authentication, model);
		}
		this.throttle.succeeded(attempt);
		String next = "/admin";
		if (TwoFactorSignIn.isPartial(authentication, TwoFactorSignIn.ENROLMENT_REQUIRED)) {
			// the enrolment was this sign-in's second step: now the console opens
			next = this.signIn.complete(request);
		}
		model.addAttribute("recoveryCodes", recoveryCodes);
		model.addAttribute("next", next);
		return "accounts/two-factor-recovery-codes";
	}

	/**
	 * A new set of recovery codes, confirmed with a current code from the app: the old
	 * set stops working at once, the new one is shown once.
	 */
	@PostMapping("/recovery-codes")
	String regenerateRecoveryCodes(@RequestParam(defaultValue = "") String code, Authentication authentication,
			HttpServletResponse response, Model model) {
		TwoFactorService.Status user = user(authentication);
		if (!user.enabled()) {
			return "redirect:" + TwoFactorSignIn.ENROLMENT_PAGE;
		}
		TwoFactorThrottle.Attempt attempt = this.throttle.reserve(user.userId()).orElse(null);
		if (attempt == null) {
			response.setStatus(429);
			model.addAttribute("recoveryError",
					"Too many wrong codes for this account. Wait 15 minutes and try again.");
			return page(user, authentication, model);
		}
		List<String> recoveryCodes = this.twoFactor.regenerateRecoveryCodes(user.userId(), code).orElse(null);
		if (recoveryCodes == null) {
			response.setStatus(422);
			model.addAttribute("recoveryError", "That code is wrong: enter the 6-digit code your authenticator app "
					+ "shows now (not a recovery code). Your recovery codes are unchanged.");
			return page(user, authentication, model);
		}
		this.throttle.succeeded(attempt);
		model.addAttribute("recoveryCodes", recoveryCodes);
		model.addAttribute("regenerated", true);
		model.addAttribute("next", TwoFactorSignIn.ENROLMENT_PAGE);
		return "accounts/two-factor-recovery-codes";
	}

	@PostMapping("/disable")
	String disable(@RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String code,
			Authentication authentication, HttpServletResponse response, Model model, RedirectAttributes redirect) {
		TwoFactorService.Status user = user(authentication);
		if (!user.enabled()) {
			return "redirect:" + TwoFactorSignIn.ENROLMENT_PAGE;
		}
		if (this.policy.requiredForAdmins()) {
			response.setStatus(409);
			model.addAttribute("disableError", "Two-factor sign-in is required for all admin users, so it cannot be "
					+ "turned off. Lost your app? Sign in with a recovery code and ask an owner to lift the rule.");
			return page(user, authentication, model);
		}
		TwoFactorThrottle.Attempt attempt = this.throttle.reserve(user.userId()).orElse(null);
		if (attempt == null) {
			response.setStatus(429);
			model.addAttribute("disableError", "Too many wrong codes for this account. Wait 15 minutes and try again.");
			return page(user, authentication, model);
		}
		if (!this.twoFactor.passwordMatches(user.userId(), password)
				|| this.twoFactor.verify(user.userId(), code) == TwoFactorService.Check.WRONG) {
			response.setStatus(422);
			model.addAttribute("disableError", "Wrong password or code: two-factor sign-in stays on.");
			return page(user, authentication, model);
		}
		this.throttle.succeeded(attempt);
		this.twoFactor.disable(user.userId());
		redirect.addFlashAttribute("message",
				"Two-factor sign-in is off. Devices you chose to remember will be asked for nothing any more.");
		return "redirect:" + TwoFactorSignIn.ENROLMENT_PAGE;
	}

	private String page(TwoFactorService.Status user, Authentication authentication, Model model) {
		model.addAttribute("status", user);
		model.addAttribute("required", this.policy.requiredForAdmins());
		model.addAttribute("mustEnrol", TwoFactorSignIn.isPartial(authentication, TwoFactorSignIn.ENROLMENT_REQUIRED));
		if (!user.enabled()) {
			this.twoFactor.pending(user.userId(), user.email()).ifPresent(e -> model.addAttribute("enrolment", e));
		}
		return PAGE;
	}

	private TwoFactorService.Status user(Authentication authentication) {
		return this.signIn.user(authentication)
			.orElseThrow(() -> new dev.partnerhub.support.NotFoundException("No such login"));
	}

}
