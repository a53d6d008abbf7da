package dev.partnerhub.broadcasts.web;

import java.security.Principal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import dev.partnerhub.broadcasts.domain.Audience;
import dev.partnerhub.broadcasts.domain.Broadcast;
import dev.partnerhub.broadcasts.domain.BroadcastService;
import dev.partnerhub.groups.GroupApi;
import dev.partnerhub.mail.MailApi;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.web.ErrorPages;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Console: announcements list, the editor (start from a template, audience, preview as
 * the first recipient, send a test to yourself, send now or schedule), and each
 * announcement's progress and per-recipient status.
 */
@ErrorPages(nav = "broadcasts", back = "/admin/broadcasts", backLabel = "Back to announcements",
		notFound = "Announcement not found", notFoundDetail = "There is no such announcement.")
@Controller
class BroadcastConsoleController {

	static final int PAGE_SIZE = 100;

	/**
	 * What the editor posts; {@code audience} is {@code all}, {@code program:<name>} or
	 * {@code group:<id>}.
	 */
	record BroadcastForm(@Nullable String subject, @Nullable String body, @Nullable String audience,
			@Nullable String scheduledAt) {

		Audience parsedAudience() {
			String value = this.audience == null ? "all" : this.audience;
			if (value.startsWith("program:")) {
				return new Audience(value.substring("program:".length()), null);
			}
			if (value.startsWith("group:")) {
				try {
					return new Audience(null, Long.parseLong(value.substring("group:".length())));
				}
				catch (NumberFormatException ex) {
					throw new InvalidInputException("audience", "Choose an audience from the list.");
				}
			}
			if (!"all".equals(value)) {
				throw new InvalidInputException("audience", "Choose an audience from the list.");
			}
			return Audience.everyone();
		}

		@Nullable Instant parsedScheduledAt() {
			if (this.scheduledAt == null || this.scheduledAt.isBlank()) {
				throw new InvalidInputException("scheduledAt", "Choose the date and time (UTC) to send it.");
			}
			try {
				return LocalDateTime.parse(this.scheduledAt.strip()).toInstant(ZoneOffset.UTC);
			}
			catch (DateTimeParseException ex) {
				throw new InvalidInputException("scheduledAt", "Enter a date and time such as 2026-12-24T09:00.");
			}
		}

	}

	private final BroadcastService broadcasts;

	private final MailApi mail;

	private final ProgramApi programs;

	private final GroupApi groups;

	BroadcastConsoleController(BroadcastService broadcasts, MailApi mail, ProgramApi programs, GroupApi groups) {
		this.broadcasts = broadcasts;
		this.mail = mail;
		this.programs = programs;
		this.groups = groups;
	}

	@GetMapping("/admin/broadcasts")
	String list(Model model) {
		model.addAttribute("broadcasts", this.broadcasts.recent(200));
		return "broadcasts/list";
	}

	@GetMapping("/admin/broadcasts/new")
	String editor(@RequestParam(required = false) @Nullable String template, Model model) {
		BroadcastForm form = new BroadcastForm("", "", "all", "");
		if (template != null) {
			Optional<MailApi.Rendered> text = this.mail.templateText(template);
			if (text.isPresent()) {
				form = new BroadcastForm(text.get().subject(), text.get().body(), "all", "");
			}
		}
		return editor(form, model);
	}

	@PostMapping("/admin/broadcasts/new")
	String submit(@ModelAttribute BroadcastForm form, @RequestParam(defaultValue = "preview") String action,
			Principal principal, Model model, RedirectAttributes redirect) {
		try {
			Audience audience = form.parsedAudience();
			switch (action) {
				case "send", "schedule" -> {
					Broadcast broadcast = this.broadcasts.create(text(form.subject()), text(form.body()), audience,
							"schedule".equals(action) ? form.parsedScheduledAt() : null, principal.getName());
					redirect.addFlashAttribute("message", broadcast.scheduled() ? "The announcement is scheduled."
							: "The announcement is being sent.");
					return "redirect:/admin/broadcasts/" + broadcast.id();
				}
				case "test" -> {
					BroadcastService.Recipient recipient = recipient(audience);
					this.broadcasts.sendTest(text(form.subject()), text(form.body()), recipient.partnerId(),
							principal.getName());
					model.addAttribute("message",
							"A test rendered for " + recipient.email() + " was queued to " + principal.getName() + ".");
				}
				default -> {
					BroadcastService.Recipient recipient = recipient(audience);
					model.addAttribute("preview",
							this.broadcasts.preview(text(form.subject()), text(form.body()), recipient.partnerId()));
					model.addAttribute("previewFor", recipient.email());
				}
			}
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errorField", ex.field());
			model.addAttribute("error", ex.getMessage());
		}
		return editor(form, model);
	}

	@GetMapping("/admin/broadcasts/{id}")
	String show(@PathVariable long id, @RequestParam(defaultValue = "0") int page, Model model) {
		Broadcast broadcast = this.broadcasts.get(id);
		int current = Math.max(0, page);
		model.addAttribute("broadcast", broadcast);
		model.addAttribute("job", this.broadcasts.job(broadcast).orElse(null));
		model.addAttribute("counts", this.broadcasts.counts(id));
		model.addAttribute("recipients", this.broadcasts.recipientStatuses(id, PAGE_SIZE, (long) current * PAGE_SIZE));
		model.addAttribute("page", current);
		model.addAttribute("hasNext", (long) (current + 1) * PAGE_SIZE < broadcast.recipients());
		return "broadcasts/show";
	}

	@PostMapping("/admin/broadcasts/{id}/cancel")
	String cancel(@PathVariable long id, RedirectAttributes redirect) {
		this.broadcasts.get(id);
		boolean cancelled = this.broadcasts.cancel(id);
		redirect.addFlashAttribute(cancelled ? "message" : "error", cancelled ? "The announcement is cancelled."
				: "Only a scheduled announcement that has not started can be cancelled.");
		return "redirect:/admin/broadcasts/" + id;
	}

	private BroadcastService.Recipient recipient(Audience audience) {
		return this.broadcasts.previewRecipient(audience)
			.orElseThrow(() -> new InvalidInputException("audience",
					"Nobody would get this announcement: the audience has no approved partner."));
	}

	private String editor(BroadcastForm form, Model model) {
		model.addAttribute("form", form);
		List<String> programNames = this.programs.allPrograms().stream().map(ProgramSummary::name).sorted().toList();
		model.addAttribute("programs", programNames);
		model.addAttribute("groups", this.groups.groups());
		model.addAttribute("templates", this.mail.templateKeys());
		model.addAttribute("fields", this.mail.fieldDescriptions());
		return "broadcasts/form";
	}

	private static String text(@Nullable String value) {
		return value == null ? "" : value;
	}

}
