package dev.partnerhub.accounts.web;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class LoginController {

	@GetMapping("/login")
	String login() {
		return "login";
	}

	/** The root sends people where they belong. */
	@GetMapping("/")
	String home(Authentication authentication) {
		boolean admin = authentication != null
				&& dev.partnerhub.accounts.Role.strongestTeamRole(authentication.getAuthorities()).isPresent();
		return admin ? "redirect:/admin" : "redirect:/partner";
	}

}
