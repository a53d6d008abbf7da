package dev.partnerhub.partners.web;

import java.util.Map;

import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.Enrollment;
import dev.partnerhub.partners.domain.PartnerDirectory;
import dev.partnerhub.partners.domain.PartnerRow;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.partners.domain.ReferrerAssignments;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import dev.partnerhub.support.web.ErrorPages;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The "Referral info" tab of a contact: his partner program (enroll or remove him) and
 * his first and last referrer. Every change is POST-redirect-GET; a refusal comes back as
 * a flash error beside the field it is about.
 */
@ErrorPages(nav = "partners", back = "/admin/partners", backLabel = "Back to partners",
		notFoundDetail = "That partner or contact does not exist; it may have been removed.")
@Controller
@RequestMapping("/admin/contacts/{contactId}/referral")
class ReferralInfoController {

	private final ContactApi contacts;

	private final PartnerService partners;

	private final PartnerDirectory directory;

	private final ReferrerAssignments referrers;

	private final ProgramApi programs;

	ReferralInfoController(ContactApi contacts, PartnerService partners, PartnerDirectory directory,
			ReferrerAssignments referrers, ProgramApi programs) {
		this.contacts = contacts;
		this.partners = partners;
		this.directory = directory;
		this.referrers = referrers;
		this.programs = programs;
	}

	@GetMapping
	String show(@PathVariable long contactId, Model model) {
		ContactSummary contact = contact(contactId);
		model.addAttribute("contact", contact);
		model.addAttribute("partner", this.directory.findByContact(contactId).orElse(null));
		model.addAttribute("programs", this.programs.allPrograms());
		model.addAttribute("firstReferrer", referrer(contact.firstReferrerId()));
		model.addAttribute("lastReferrer", referrer(contact.lastReferrerId()));
		// Described by the contacts module's resolvers, so partners need not know
		// tracking's click tokens.
		model.addAttribute("trail", this.contacts.referralTrail(contactId));
		if (!model.containsAttribute("errors")) {
			model.addAttribute("errors", Map.of());
		}
		if (!model.containsAttribute("values")) {
			model.addAttribute("values", Map.of());
		}
		return "partners/referral";
	}

	/**
	 * Adds the contact to a program: he becomes a partner (approved, code generated
	 * unless given).
	 */
	@PostMapping("/program")
	String enroll(@PathVariable long contactId, @RequestParam(required = false) @Nullable Long programId,
			@RequestParam(defaultValue = "") String code,
			@RequestParam(required = false) @Nullable Boolean sendInvitation,
			@RequestParam(name = "_sendInvitation", required = false) @Nullable String invitationShown,
			RedirectAttributes redirect) {
		contact(contactId);
		if (programId == null) {
			return refused(contactId, redirect, "program", "Choose a program.", Map.of("code", code));
		}
		try {
			PartnerSummary partner = this.partners.enrollFromConsole(
					new Enrollment(contactId, programId, code, null, null, null, null),
					PartnerController.invitationTicked(sendInvitation, invitationShown));
			redirect.addFlashAttribute("message", "Added to the program with code " + partner.code() + ".");
		}
		catch (ConflictException | InvalidInputException ex) {
			String field = ex instanceof ConflictException c ? c.field() : ((InvalidInputException) ex).field();
			return refused(contactId, redirect, "code".equals(field) ? "code" : "program", ex.getMessage(),
					Map.of("code", code, "programId", String.valueOf(programId)));
		}
		return tab(contactId);
	}

	/**
	 * Removes him from his program; refused (with the reason) when he has referred
	 * contacts or tier-2 partners.
	 */
	@PostMapping("/remove")
	String remove(@PathVariable long contactId, RedirectAttributes redirect) {
		contact(contactId);
		PartnerSummary partner = this.partners.findByContactId(contactId).orElse(null);
		if (partner == null) {
			redirect.addFlashAttribute("error", "This contact is not in a partner program.");
			return tab(contactId);
		}
		try {
			this.partners.remove(partner.id());
			redirect.addFlashAttribute("message", "Removed from the partner program.");
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return tab(contactId);
	}

	@PostMapping("/first-referrer")
	String firstReferrer(@PathVariable long contactId, @RequestParam(defaultValue = "") String code,
			RedirectAttributes redirect) {
		try {
			this.referrers.assignFirst(contactId, code);
			redirect.addFlashAttribute("message", code.isBlank() ? "First referrer cleared." : "First referrer saved.");
		}
		catch (InvalidInputException ex) {
			return refused(contactId, redirect, "firstReferrer", ex.getMessage(), Map.of("firstReferrer", code));
		}
		return tab(contactId);
	}

	@PostMapping("/last-referrer")
	String lastReferrer(@PathVariable long contactId, @RequestParam(defaultValue = "") String code,
			RedirectAttributes redirect) {
		try {
			this.referrers.assignLast(contactId, code);
			redirect.addFlashAttribute("message", code.isBlank() ? "Last referrer cleared." : "Last referrer saved.");
		}
		catch (InvalidInputException ex) {
			return refused(contactId, redirect, "lastReferrer", ex.getMessage(), Map.of("lastReferrer", code));
		}
		return tab(contactId);
	}

	private ContactSummary contact(long contactId) {
		return this.contacts.findById(contactId).orElseThrow(() -> new NotFoundException("No contact " + contactId));
	}

	private PartnerRow referrer(Long partnerId) {
		return partnerId == null ? null : this.directory.findOne(partnerId).orElse(null);
	}

	/**
	 * Back to the tab with the message beside the field and what was typed kept in it.
	 */
	private static String refused(long contactId, RedirectAttributes redirect, String field, String message,
			Map<String, String> values) {
		redirect.addFlashAttribute("errors", Map.of(field, message));
		redirect.addFlashAttribute("values", values);
		return tab(contactId);
	}

	private static String tab(long contactId) {
		return "redirect:/admin/contacts/" + contactId + "/referral";
	}

}
