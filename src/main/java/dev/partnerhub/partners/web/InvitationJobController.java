package dev.partnerhub.partners.web;

import dev.partnerhub.partners.domain.PartnerInvitations;
import dev.partnerhub.support.NotFoundException;
import dev.partnerhub.support.web.ErrorPages;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The page of a bulk invitation job: progress that htmx refreshes every second while it
 * runs (as bulk approve's), and what it sent and skipped.
 */
@ErrorPages(nav = "partners", back = "/admin/partners", backLabel = "Back to partners", notFound = "Job not found",
		notFoundDetail = "There is no invitation job at this address.")
@Controller
class InvitationJobController {

	private final PartnerInvitations invitations;

	InvitationJobController(PartnerInvitations invitations) {
		this.invitations = invitations;
	}

	@GetMapping("/admin/partners/invitations/{id}")
	String show(@PathVariable String id, Model model) {
		model.addAttribute("job", find(id));
		return "partners/invitation-job";
	}

	@GetMapping("/admin/partners/invitations/{id}/progress")
	String progress(@PathVariable String id, Model model) {
		model.addAttribute("job", find(id));
		return "partners/invitation-job :: progress";
	}

	private PartnerInvitations.InviteJob find(String id) {
		try {
			return this.invitations.find(Long.parseLong(id))
				.orElseThrow(() -> new NotFoundException("No invitation job " + id + "."));
		}
		catch (NumberFormatException ex) {
			throw new NotFoundException("No invitation job " + id + ".");
		}
	}

}
