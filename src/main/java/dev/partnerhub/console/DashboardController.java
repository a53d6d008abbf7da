package dev.partnerhub.console;

import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.partners.PartnerApi;
import dev.partnerhub.programs.ProgramApi;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's front page: how big the partner business is, and where to go next. */
@Controller
class DashboardController {

	private final ContactApi contacts;

	private final PartnerApi partners;

	private final ProgramApi programs;

	DashboardController(ContactApi contacts, PartnerApi partners, ProgramApi programs) {
		this.contacts = contacts;
		this.partners = partners;
		this.programs = programs;
	}

	@GetMapping("/admin")
	String dashboard(Model model) {
		model.addAttribute("contactCount", this.contacts.count());
		model.addAttribute("partnerCount", this.partners.count());
		model.addAttribute("programs", this.programs.allPrograms());
		model.addAttribute("productCount", this.programs.allProducts().size());
		model.addAttribute("settings", this.programs.settings());
		return "console/dashboard";
	}

}
