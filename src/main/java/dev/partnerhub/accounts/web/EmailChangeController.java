package dev.partnerhub.accounts.web;

import java.time.Clock;

import dev.partnerhub.accounts.domain.AccountLinks;
import dev.partnerhub.support.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The confirmation link of a login e-mail change (sent to the new address; it may be
 * opened in any browser, logged in or not): the GET shows the address and changes nothing
 * (mail scanners follow links), the POST with its CSRF token uses the link.
 */
@Controller
class EmailChangeController {

	private final AccountLinks links;

	private final Clock clock;

	EmailChangeController(AccountLinks links, Clock clock) {
		this.links = links;
		this.clock = clock;
	}

	@GetMapping("/account/confirm-email")
	String page(@RequestParam(defaultValue = "") String token, Model model, HttpServletResponse response) {
		String newEmail = this.links.pendingEmailChange(token, this.clock.instant()).orElse(null);
		if (newEmail == null) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("error",
					"This link is invalid, was used already or has expired. Ask for a new one in your settings.");
		}
		model.addAttribute("newEmail", newEmail);
		model.addAttribute("token", token.length() > 100 ? "" : token);
		return "accounts/confirm-email";
	}

	@PostMapping("/account/confirm-email")
	String confirm(@RequestParam(defaultValue = "") String token, Model model, HttpServletResponse response) {
		try {
			model.addAttribute("changed", this.links.confirmEmailChange(token, this.clock.instant()));
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("error", ex.getMessage());
		}
		return "accounts/confirm-email";
	}

}
