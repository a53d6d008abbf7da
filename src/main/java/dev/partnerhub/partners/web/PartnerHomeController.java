package dev.partnerhub.partners.web;

import java.security.Principal;

import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.partners.PartnerApi;
import dev.partnerhub.programs.ProgramApi;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Where a partner lands after login, until the partner center proper is built. */
@Controller
class PartnerHomeController {

	private final ContactApi contacts;

	private final PartnerApi partners;

	private final ProgramApi programs;

	PartnerHomeController(ContactApi contacts, PartnerApi partners, ProgramApi programs) {
		this.contacts = contacts;
		this.partners = partners;
		this.programs = programs;
	}

	@GetMapping("/partner")
	String home(Principal principal, Model model) {
		ContactSummary contact = this.contacts.findByEmail(principal.getName()).orElse(null);
		model.addAttribute("contact", contact);
		var partner = contact == null ? null : this.partners.findByContactId(contact.id()).orElse(null);
		model.addAttribute("partner", partner);
		model.addAttribute("program",
				partner == null ? null : this.programs.findProgram(partner.programId()).orElse(null));
		model.addAttribute("settings", this.programs.settings());
		return "partners/home";
	}

}
