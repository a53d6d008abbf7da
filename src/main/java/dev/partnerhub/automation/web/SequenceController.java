package dev.partnerhub.automation.web;

import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.programs.ProgramApi;

import java.io.Writer;
import java.util.List;
import java.util.Optional;

import dev.partnerhub.automation.domain.EnrolmentQueries;
import dev.partnerhub.automation.domain.EnrolmentQueries.Enrolment;
import dev.partnerhub.automation.domain.SequenceEnrolments;
import dev.partnerhub.automation.domain.Sequences;
import dev.partnerhub.mail.MailApi;
import dev.partnerhub.partners.PartnerApi;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.web.Csv;
import dev.partnerhub.support.web.ListPage;
import dev.partnerhub.support.web.ListParams;
import dev.partnerhub.support.web.PageLinks;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import java.util.function.Supplier;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Sequences in the console: define steps, see enrolments, start or stop a sequence for a
 * partner.
 */
@Controller
class SequenceController {

	private final Sequences sequences;

	private final SequenceEnrolments enrolments;

	private final EnrolmentQueries queries;

	private final PartnerApi partners;

	private final MailApi mail;

	private final ProgramApi programs;

	private final ContactApi contacts;

	SequenceController(Sequences sequences, SequenceEnrolments enrolments, EnrolmentQueries queries,
			PartnerApi partners, MailApi mail, ProgramApi programs, ContactApi contacts) {
		this.enrolments = enrolments;
		this.queries = queries;
		this.programs = programs;
		this.contacts = contacts;
		this.sequences = sequences;
		this.partners = partners;
		this.mail = mail;
	}

	@GetMapping("/admin/sequences")
	String list(Model model) {
		model.addAttribute("sequences", this.sequences.all());
		return "automation/sequences";
	}

	@PostMapping("/admin/sequences")
	String create(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "false") boolean active,
			@RequestParam(defaultValue = "false") boolean enrolOnApproval, RedirectAttributes redirect, Model model) {
		try {
			long id = this.sequences.create(name, active, enrolOnApproval);
			redirect.addFlashAttribute("message", "Sequence " + name.strip() + " created. Add its steps.");
			return "redirect:/admin/sequences/" + id;
		}
		catch (InvalidInputException | ConflictException ex) {
			model.addAttribute("nameError", ex.getMessage());
			model.addAttribute("name", name.length() > 120 ? "" : name);
			return list(model);
		}
	}

	@GetMapping("/admin/sequences/{id}")
	String show(@PathVariable long id, @ListPage(size = 50, maxSize = 200) Pageable pageable,
			HttpServletRequest request, Model model) {
		Sequences.Sequence sequence = this.sequences.get(id);
		model.addAttribute("sequence", sequence);
		if (!model.containsAttribute("typed")) {
			model.addAttribute("typed", Typed.of(sequence));
		}
		model.addAttribute("steps", this.sequences.steps(id));
		model.addAttribute("templates", this.mail.templateKeys());
		Page<Enrolment> enrolments = this.queries.enrolments(id, pageable);
		model.addAttribute("enrolments", enrolments);
		model.addAttribute("links", PageLinks.of(enrolments, ListParams.currentList(request)));
		model.addAttribute("who",
				enrolments.getContent()
					.stream()
					.collect(java.util.stream.Collectors.toMap(Enrolment::id, this::who, (a, b) -> a)));
		model.addAttribute("programs", this.programs.allPrograms());
		return "automation/sequence";
	}

	@GetMapping("/admin/sequences/{id}/enrolments.csv")
	void csv(@PathVariable long id, HttpServletResponse response) {
		this.sequences.get(id);
		Writer out = Csv.download(response, "enrolments.csv", List.of("partner_code", "state", "started_at",
				"next_step", "next_due_at", "stopped_at", "completed_at"));
		int page = 0;
		Page<Enrolment> rows;
		do {
			rows = this.queries.enrolments(id, PageRequest.of(page++, 500));
			rows.forEach(e -> Csv.writeRow(out, List.of(who(e), e.state(), e.startedAt().toString(), e.nextStep() + 1,
					text(e.nextDueAt()), text(e.stoppedAt()), text(e.completedAt()))));
		}
		while (rows.hasNext());
	}

	@PostMapping("/admin/sequences/{id}")
	String update(@PathVariable long id, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "false") boolean active,
			@RequestParam(defaultValue = "false") boolean enrolOnApproval,
			@RequestParam(required = false) @Nullable String optInProgram,
			@RequestParam(required = false) @Nullable Long version, RedirectAttributes redirect,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		Long program = optInProgram == null || !optInProgram.strip().matches("\\d{1,18}") ? null
				: Long.valueOf(optInProgram.strip());
		if (program != null && this.programs.findProgram(program).isEmpty()) {
			redirect.addFlashAttribute("error", "Choose an existing program for \"contact opted in\".");
			return "redirect:/admin/sequences/" + id;
		}
		Typed typed = new Typed(name, active, enrolOnApproval, program, null, null, version);
		return act(id, redirect, "Sequence saved.",
				() -> this.sequences.update(id, name, active, enrolOnApproval, program, version),
				() -> changed(id, typed, request, response, model));
	}

	/** A partner enrolment by his code, a lead's by his contact's e-mail. */
	private String who(Enrolment e) {
		if (e.lead()) {
			return this.contacts.findById(e.contactId()).map(ContactSummary::email).orElse("contact #" + e.contactId());
		}
		return this.partners.findById(e.partnerId()).map(PartnerSummary::code).orElse("#" + e.partnerId());
	}

	@PostMapping("/admin/sequences/{id}/steps")
	String addStep(@PathVariable long id, @RequestParam(required = false) @Nullable String day,
			@RequestParam(defaultValue = "") String templateKey, @RequestParam(required = false) @Nullable Long version,
			RedirectAttributes redirect, HttpServletRequest request, HttpServletResponse response, Model model) {
		Integer days = day == null || !day.strip().matches("\\d{1,4}") ? null : Integer.valueOf(day.strip());
		return act(id, redirect, "Step added.", () -> this.sequences.addStep(id, days, templateKey, version),
				() -> changed(id, Typed.step(this.sequences.get(id), day, templateKey, version), request, response,
						model));
	}

	@PostMapping("/admin/sequences/{id}/steps/{stepId}/delete")
	String removeStep(@PathVariable long id, @PathVariable long stepId,
			@RequestParam(required = false) @Nullable Long version, RedirectAttributes redirect,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		return act(id, redirect, "Step removed.", () -> this.sequences.removeStep(id, stepId, version),
				() -> changed(id, Typed.step(this.sequences.get(id), null, null, version), request, response, model));
	}

	@PostMapping("/admin/sequences/{id}/enrolments")
	String start(@PathVariable long id, @RequestParam(defaultValue = "") String partner, RedirectAttributes redirect) {
		Optional<PartnerSummary> found = this.partners.findByCode(ListParams.trimmed(partner, 60));
		if (found.isEmpty()) {
			redirect.addFlashAttribute("error", "No partner has the code " + ListParams.trimmed(partner, 60) + ".");
			return "redirect:/admin/sequences/" + id;
		}
		boolean started = this.enrolments.start(id, found.get().id());
		redirect.addFlashAttribute(started ? "message" : "error",
				started ? "Sequence started for " + found.get().code() + "."
						: found.get().code() + " is already in this sequence.");
		return "redirect:/admin/sequences/" + id;
	}

	@PostMapping("/admin/sequences/{id}/enrolments/{partnerId}/stop")
	String stop(@PathVariable long id, @PathVariable long partnerId, RedirectAttributes redirect) {
		boolean stopped = this.enrolments.stop(id, partnerId);
		redirect.addFlashAttribute(stopped ? "message" : "error",
				stopped ? "Sequence stopped for this partner." : "This enrolment was not running.");
		return "redirect:/admin/sequences/" + id;
	}

	private String act(long id, RedirectAttributes redirect, String message, Runnable action,
			Supplier<String> changed) {
		try {
			action.run();
			redirect.addFlashAttribute("message", message);
		}
		catch (InvalidInputException | ConflictException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		catch (OptimisticLockingFailureException ex) {
			return changed.get();
		}
		return "redirect:/admin/sequences/" + id;
	}

	/**
	 * 409: the page again with what this admin typed and the version it was loaded with
	 * (saving again needs a reload first).
	 */
	private String changed(long id, Typed typed, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		response.setStatus(HttpServletResponse.SC_CONFLICT);
		model.addAttribute("error", "Someone else saved this sequence meanwhile: reload it to see their change.");
		model.addAttribute("typed", typed);
		return show(id, PageRequest.of(0, 50), request, model);
	}

	private static String text(@Nullable Object value) {
		return value == null ? "" : value.toString();
	}

	/**
	 * What the page's forms show: the sequence's settings, or what the admin typed, and
	 * the version the forms send back.
	 */
	record Typed(String name, boolean active, boolean enrolOnApproval, @Nullable Long optInProgramId,
			@Nullable String day, @Nullable String templateKey, @Nullable Long version) {

		static Typed of(Sequences.Sequence sequence) {
			return new Typed(sequence.name(), sequence.active(), sequence.enrolOnApproval(), sequence.optInProgramId(),
					null, null, sequence.version());
		}

		static Typed step(Sequences.Sequence sequence, @Nullable String day, @Nullable String templateKey,
				@Nullable Long version) {
			return new Typed(sequence.name(), sequence.active(), sequence.enrolOnApproval(), sequence.optInProgramId(),
					day, templateKey, version);
		}

	}

}
