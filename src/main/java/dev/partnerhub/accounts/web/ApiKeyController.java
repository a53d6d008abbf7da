package dev.partnerhub.accounts.web;

import java.security.Principal;

import dev.partnerhub.accounts.domain.ApiKeyService;
import dev.partnerhub.support.InvalidInputException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Console page to create and revoke the keys server-side integrations use on
 * {@code /api/v1}.
 */
@Controller
@RequestMapping("/admin/api-keys")
class ApiKeyController {

	private final ApiKeyService keys;

	ApiKeyController(ApiKeyService keys) {
		this.keys = keys;
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("keys", this.keys.list());
		return "accounts/api-keys";
	}

	@PostMapping
	String create(@RequestParam(defaultValue = "") String name, Principal principal, RedirectAttributes redirect) {
		try {
			String token = this.keys.create(name, principal.getName());
			redirect.addFlashAttribute("newKey", token);
			redirect.addFlashAttribute("message", "API key created. Copy it now: it will not be shown again.");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/admin/api-keys";
	}

	@PostMapping("/{id}/revoke")
	String revoke(@PathVariable long id, RedirectAttributes redirect) {
		this.keys.revoke(id);
		redirect.addFlashAttribute("message", "API key revoked.");
		return "redirect:/admin/api-keys";
	}

}
