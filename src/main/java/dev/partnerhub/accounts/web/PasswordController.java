package dev.partnerhub.accounts.web;

import java.time.Clock;

import dev.partnerhub.accounts.domain.AccountLinks;
import dev.partnerhub.accounts.security.DeviceCookies;
import dev.partnerhub.accounts.security.ResetThrottle;
import dev.partnerhub.support.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Forgot password?" ({@code /account/reset}: always the same neutral answer, rate
 * limited by {@link ResetThrottle}) and the page behind invitation and reset links
 * ({@code /account/set-password?token=}) for partners and admins alike.
 */
@Controller
class PasswordController {

	private final AccountLinks links;

	private final ResetThrottle throttle;

	private final DeviceCookies devices;

	private final Clock clock;

	PasswordController(AccountLinks links, ResetThrottle throttle, DeviceCookies devices, Clock clock) {
		this.links = links;
		this.throttle = throttle;
		this.devices = devices;
		this.clock = clock;
	}

	@GetMapping("/account/reset")
	String resetForm() {
		return "accounts/reset";
	}

	@PostMapping("/account/reset")
	String requestReset(@RequestParam(defaultValue = "") String email, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		String address = email.strip();
		if (address.isEmpty() || address.length() > 254 || !address.contains("@")) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("emailError", "Enter the e-mail address you log in with.");
			model.addAttribute("email", address.length() > 254 ? "" : address);
			return "accounts/reset";
		}
		String device = this.devices.trustedDevice(request, address).orElse(null);
		ResetThrottle.Decision decision = this.throttle.request(address, request.getRemoteAddr(), device);
		if (decision == ResetThrottle.Decision.TOO_MANY) {
			response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
			model.addAttribute("error", "Too many requests; try again in an hour.");
			return "accounts/reset";
		}
		// the per-e-mail limit is quiet: a mailbox is never flooded, and the answer stays
		// the same
		if (decision == ResetThrottle.Decision.SEND) {
			this.links.requestReset(address, this.clock.instant());
		}
		return "accounts/reset-sent";
	}

	@GetMapping("/account/set-password")
	String setPasswordForm(@RequestParam(defaultValue = "") String token, Model model, HttpServletResponse response) {
		model.addAttribute("token", token);
		if (!this.links.usable(token, this.clock.instant())) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("invalid", true);
		}
		return "accounts/set-password";
	}

	@PostMapping("/account/set-password")
	String setPassword(@RequestParam(defaultValue = "") String token, @RequestParam(defaultValue = "") String password,
			@RequestParam(defaultValue = "") String confirm, Model model, HttpServletRequest request,
			HttpServletResponse response) {
		model.addAttribute("token", token);
		if (!password.equals(confirm)) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("confirmError", "The two passwords differ.");
			return "accounts/set-password";
		}
		try {
			String email = this.links.setPassword(token, password, this.clock.instant());
			// the link reached his mailbox: this browser counts as his device, so
			// strangers' failed guesses on his
			// account cannot keep him out of the login that follows
			this.devices.remember(request, response, email);
			return "redirect:/login?passwordSet";
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			if ("token".equals(ex.field())) {
				model.addAttribute("invalid", true);
			}
			else {
				model.addAttribute("passwordError", ex.getMessage());
			}
			return "accounts/set-password";
		}
	}

}
