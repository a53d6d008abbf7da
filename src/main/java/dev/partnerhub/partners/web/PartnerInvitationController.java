package dev.partnerhub.partners.web;

import java.util.List;
import java.util.Map;

import dev.partnerhub.audit.Actor;
import dev.partnerhub.contacts.ContactGroupFilter;
import dev.partnerhub.partners.PartnerAccess;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.domain.PartnerDirectory;
import dev.partnerhub.partners.domain.PartnerFilter;
import dev.partnerhub.partners.domain.PartnerInvitations;
import dev.partnerhub.partners.domain.PartnerRow;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import dev.partnerhub.support.web.ErrorPages;
import dev.partnerhub.support.web.ListParams;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Invitations from the console: "Invite" / "Re-send invitation" on a partner's page, and
 * the partner list's bulk invite (selected rows or everyone the filter matches) as a
 * background job ({@link InvitationJobController} shows its progress).
 */
@ErrorPages(nav = "partners", back = "/admin/partners", backLabel = "Back to partners",
		notFoundDetail = "That partner does not exist; it may have been removed.")
@Controller
class PartnerInvitationController {

	private final PartnerService partners;

	private final PartnerDirectory directory;

	private final PartnerInvitations invitations;

	private final ProgramApi programs;

	/** Saved groups (the groups module), when present: the list's "group" filter. */
	private final ObjectProvider<ContactGroupFilter> groups;

	PartnerInvitationController(PartnerService partners, PartnerDirectory directory, PartnerInvitations invitations,
			ProgramApi programs, ObjectProvider<ContactGroupFilter> groups) {
		this.partners = partners;
		this.directory = directory;
		this.invitations = invitations;
		this.programs = programs;
		this.groups = groups;
	}

	/** "Invite" / "Re-send invitation" on the partner page. */
	@PostMapping("/admin/partners/{id}/invite")
	String invite(@PathVariable long id, RedirectAttributes redirect) {
		PartnerRow partner = this.directory.findOne(id).orElseThrow(() -> new NotFoundException("No partner " + id));
		try {
			switch (this.partners.sendInvitation(id)) {
				case SENT -> redirect.addFlashAttribute("message", "Invitation sent to " + partner.email() + ".");
				case ACTIVE -> redirect.addFlashAttribute("message",
						"Partner " + partner.code() + " has set a password already; nothing sent.");
				case TAKEN -> redirect.addFlashAttribute("error",
						"Another login (not this partner's) uses " + partner.email() + "; nothing sent.");
			}
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/admin/partners/" + id;
	}

	/**
	 * Invite or re-send the invitation to the selected partners, or to everyone the
	 * list's filter matches, as a background job (its page shows the progress).
	 */
	@PostMapping("/admin/partners/invite")
	String inviteMany(@RequestParam(defaultValue = "selected") String scope,
			@RequestParam(name = "ids", required = false) @Nullable List<String> ids,
			@RequestParam(required = false) @Nullable String program,
			@RequestParam(required = false) @Nullable String status, @RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable String group,
			@RequestParam(required = false) @Nullable String access,
			@RequestParam(required = false) @Nullable String joinedFrom,
			@RequestParam(required = false) @Nullable String joinedTo, RedirectAttributes redirect) {
		try {
			long job;
			if ("filter".equals(scope)) {
				Long programId = PartnerListRequest.idOrNull(program);
				PartnerStatus statusFilter = PartnerListRequest.statusOrNull(status);
				PartnerAccess accessFilter = PartnerAccess.ofOrNull(access);
				java.time.LocalDate from = ListParams.date("Joined from", joinedFrom, new java.util.ArrayList<>());
				java.time.LocalDate to = ListParams.date("Joined to", joinedTo, new java.util.ArrayList<>());
				PartnerFilter filter = PartnerListRequest
					.inGroup(this.groups.getIfAvailable(), PartnerListRequest.filter(programId, statusFilter, q), group,
							null)
					.withAccess(accessFilter)
					.joined(from, to);
				job = this.invitations.submitFilter(filter, PartnerListRequest.filterWords(this.programs, programId,
						statusFilter, q, filter.group() == null ? null : group, accessFilter, from, to),
						Actor.current());
			}
			else {
				job = this.invitations.submitIds(parseIds(ids), Actor.current());
			}
			return "redirect:/admin/partners/invitations/" + job;
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			UriComponentsBuilder back = UriComponentsBuilder.fromPath("/admin/partners");
			Map.of("program", nullToEmpty(program), "status", nullToEmpty(status), "q", nullToEmpty(q), "group",
					nullToEmpty(group), "access", nullToEmpty(access))
				.forEach((name, value) -> {
					if (!value.isBlank()) {
						back.queryParam(name, value);
					}
				});
			return "redirect:" + back.encode().build().toUriString();
		}
	}

	private static List<Long> parseIds(@Nullable List<String> ids) {
		if (ids == null || ids.isEmpty()) {
			throw new InvalidInputException("ids", "Select at least one partner, or choose all matching the filter.");
		}
		try {
			return ids.stream().map(id -> Long.valueOf(id.strip())).toList();
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("ids", "The selection was not understood; select the rows again.");
		}
	}

	private static String nullToEmpty(@Nullable String value) {
		return value == null ? "" : value;
	}

}
