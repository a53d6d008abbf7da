package dev.partnerhub.accounts.web;

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
 * The second step of an admin's sign-in: a code from the authenticator app or a recovery
 * code. Only a session whose password was right reaches it (SecurityConfig).
 */
@Controller
@RequestMapping(TwoFactorSignIn.CODE_PAGE)
class TwoFactorLoginController {

	private static final String PAGE = "accounts/two-factor-code";

	private final TwoFactorSignIn signIn;

	private final TwoFactorService twoFactor;

	private final TwoFactorThrottle throttle;

	TwoFactorLoginController(TwoFactorSignIn signIn, TwoFactorService twoFactor, TwoFactorThrottle throttle) {
		this.signIn = signIn;
		this.twoFactor = twoFactor;
		this.throttle = throttle;
	}

	@GetMapping
	String show(HttpServletRequest request) {
		return this.signIn.expired(request) ? "redirect:/login?twoFactorExpired" : PAGE;
	}

	@PostMapping
	String check(@RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "false") boolean remember,
			Authentication authentication, HttpServletRequest request, HttpServletResponse response, Model model,
			RedirectAttributes redirect) {
		if (this.signIn.expired(request)) {
			return "redirect:/login?twoFactorExpired";
		}
		TwoFactorService.Status user = this.signIn.user(authentication).orElse(null);
		if (user == null || !user.enabled()) {
			return "redirect:/login?twoFactorExpired";
		}
		// counted before the code is checked: parallel guesses cannot pass the limit
		TwoFactorThrottle.Attempt attempt = this.throttle.reserve(user.userId()).orElse(null);
		if (attempt == null) {
			response.setStatus(429);
			model.addAttribute("error", "Too many wrong codes for this account. Wait 15 minutes and try again.");
			return PAGE;
		}
		TwoFactorService.Check check = this.twoFactor.verify(user.userId(), code);
		if (check == TwoFactorService.Check.WRONG) {
			response.setStatus(422);
			model.addAttribute("error", "That code is wrong or was used already. Enter the current 6-digit code "
					+ "from your authenticator app, or one of your recovery codes.");
			return PAGE;
		}
		this.throttle.succeeded(attempt);
		String target = this.signIn.complete(request);
		if (remember) {
			this.signIn.remember(request, response, user.userId());
		}
		if (check == TwoFactorService.Check.RECOVERY_CODE) {
			int left = this.twoFactor.status(user.email()).map(TwoFactorService.Status::recoveryCodesLeft).orElse(0);
			redirect.addFlashAttribute("message",
					"You signed in with a recovery code; it cannot be used again. " + left
							+ " recovery codes left. If you lost your authenticator app, turn two-factor sign-in off "
							+ "and set it up again on Two-factor sign-in.");
		}
		return "redirect:" + target;
	}

}
