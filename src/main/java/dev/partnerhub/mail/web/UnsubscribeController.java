package dev.partnerhub.mail.web;

import java.util.Optional;

import dev.partnerhub.mail.domain.MailPreferences;
import dev.partnerhub.mail.domain.MailPreferences.Unsubscribe;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The unsubscribe link of every non-transactional e-mail (no login): {@code GET} asks to
 * confirm (mail scanners open links; a GET changes nothing), {@code POST} turns the
 * token's category off for the token's partner. Mail clients post the same URL for RFC
 * 8058's one-click unsubscribe, so this one path is exempt from CSRF (SecurityConfig);
 * the POST is idempotent and can only turn e-mails off. A forged or altered token is a
 * 404 and changes nothing.
 */
@Controller
class UnsubscribeController {

	private final MailPreferences preferences;

	UnsubscribeController(MailPreferences preferences) {
		this.preferences = preferences;
	}

	@GetMapping("/mail/unsubscribe/{token}")
	String confirm(@PathVariable String token, Model model, HttpServletResponse response) {
		Optional<Unsubscribe> unsubscribe = this.preferences.verify(token);
		if (unsubscribe.isEmpty()) {
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			model.addAttribute("invalid", true);
			return "mail/unsubscribe";
		}
		model.addAttribute("token", token);
		model.addAttribute("category", unsubscribe.get().category().label());
		model.addAttribute("done", false);
		return "mail/unsubscribe";
	}

	@PostMapping("/mail/unsubscribe/{token}")
	String unsubscribe(@PathVariable String token, Model model, HttpServletResponse response) {
		Optional<Unsubscribe> unsubscribe = this.preferences.verify(token);
		if (unsubscribe.isEmpty()) {
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			model.addAttribute("invalid", true);
			return "mail/unsubscribe";
		}
		this.preferences.set(unsubscribe.get().partnerId(), unsubscribe.get().category(), false);
		model.addAttribute("category", unsubscribe.get().category().label());
		model.addAttribute("done", true);
		return "mail/unsubscribe";
	}

}
