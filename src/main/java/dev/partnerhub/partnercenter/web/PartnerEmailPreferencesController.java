package dev.partnerhub.partnercenter.web;

import java.security.Principal;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import dev.partnerhub.mail.MailApi;
import dev.partnerhub.mail.MailCategory;
import dev.partnerhub.partnercenter.domain.PartnerCenterQueries.Me;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The partner's own choice of notices and announcements ({@code /partner/emails}); the
 * unsubscribe links in e-mails change the same preferences. Transactional e-mail
 * (password reset, e-mail confirmation) is not listed: it is always sent.
 */
@Controller
class PartnerEmailPreferencesController {

	private final CurrentPartner current;

	private final MailApi mail;

	PartnerEmailPreferencesController(CurrentPartner current, MailApi mail) {
		this.current = current;
		this.mail = mail;
	}

	@GetMapping("/partner/emails")
	String show(Principal principal, Model model) {
		Me me = this.current.require(principal);
		model.addAttribute("me", me);
		model.addAttribute("preferences", this.mail.preferences(me.partnerId()));
		model.addAttribute("commissionDigest", this.mail.digest(me.partnerId(), MailCategory.NEW_COMMISSION));
		return "partnercenter/emails";
	}

	@PostMapping("/partner/emails")
	String save(Principal principal, @RequestParam(required = false) @Nullable Set<String> subscribed,
			@RequestParam(required = false) @Nullable String commissionFrequency, RedirectAttributes redirect) {
		Me me = this.current.require(principal);
		Set<String> on = subscribed == null ? Set.of() : subscribed;
		Map<MailCategory, Boolean> choices = new EnumMap<>(MailCategory.class);
		for (MailCategory category : MailCategory.values()) {
			choices.put(category, on.contains(category.key()));
		}
		this.mail.setPreferences(me.partnerId(), choices);
		// anything but "daily" (a missing or unknown value) keeps the default: each one
		this.mail.setDigest(me.partnerId(), MailCategory.NEW_COMMISSION, "daily".equals(commissionFrequency));
		redirect.addFlashAttribute("message", "Your e-mail choices were saved.");
		return "redirect:/partner/emails";
	}

}
