package dev.partnerhub.partnercenter.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import dev.partnerhub.partnercenter.domain.LaunchTemplate;
import dev.partnerhub.partnercenter.domain.PcLandings;
import dev.partnerhub.partnercenter.domain.PcPages.PageDraft;
import dev.partnerhub.partnercenter.domain.PcPages.PcPage;
import dev.partnerhub.partnercenter.domain.PcPages;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import dev.partnerhub.support.web.ErrorPages;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import static dev.partnerhub.partnercenter.web.BuilderPageForm.BASE;
import static dev.partnerhub.partnercenter.web.BuilderPageForm.field;
import static dev.partnerhub.partnercenter.web.BuilderPageForm.nz;

/**
 * The console's partner-center builder ({@code /admin/partner-center}, ADMIN only by the
 * {@code /admin/**} rule): the list of pages, which page each program lands on, the
 * launch template, and pages with their display condition created, saved and deleted
 * (POST forms with CSRF). A page's blocks are {@link BuilderBlocksController}'s, its
 * preview {@link BuilderPreviewController}'s.
 */
@ErrorPages(nav = "partner-center", back = "/admin/partner-center",
		backLabel = "Back to the partner-center pages in the console")
@Controller
class PartnerCenterBuilderController {

	private final PcPages pages;

	private final ProgramApi programs;

	private final LaunchTemplate launch;

	private final PageDrafts drafts;

	private final PcLandings landings;

	private final BuilderPageForm views;

	PartnerCenterBuilderController(PcPages pages, ProgramApi programs, LaunchTemplate launch, PageDrafts drafts,
			PcLandings landings, BuilderPageForm views) {
		this.pages = pages;
		this.programs = programs;
		this.launch = launch;
		this.drafts = drafts;
		this.landings = landings;
		this.views = views;
	}

	@GetMapping(BASE)
	String list(Model model) {
		return this.views.list(model);
	}

	/**
	 * The program's partner-center landing page: a page id, or empty for the dashboard.
	 */
	@PostMapping(BASE + "/landing")
	String chooseLanding(@RequestParam String program, @RequestParam(required = false) @Nullable String page,
			RedirectAttributes redirect) {
		long programId = program.matches("\\d{1,18}") ? Long.parseLong(program) : -1;
		var found = this.programs.findProgram(programId).orElseThrow(() -> new NotFoundException("No such program."));
		try {
			Long pageId = page == null || page.isBlank() ? null
					: page.matches("\\d{1,18}") ? Long.valueOf(page) : Long.valueOf(-1);
			this.landings.choose(found.id(), pageId);
			redirect.addFlashAttribute("message", "Partners of " + found.name() + " now land on "
					+ (pageId == null ? "the dashboard" : "the chosen page") + ".");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:" + BASE + "#landing";
	}

	@PostMapping(BASE + "/launch")
	String createLaunch(@RequestParam(required = false) @Nullable String program,
			@RequestParam(required = false) @Nullable String sku,
			@RequestParam(required = false) @Nullable String startsOn,
			@RequestParam(required = false) @Nullable String endsOn, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		try {
			Long programId = program == null || !program.matches("\\d{1,18}") ? null : Long.valueOf(program);
			LaunchTemplate.Launch created = this.launch.create(programId, sku, day(startsOn, "startsOn"),
					endsOn == null || endsOn.isBlank() ? null : day(endsOn, "endsOn"));
			redirect.addFlashAttribute("message",
					"Launch center created with the rollup field '" + created.rollup().name() + "'.");
			return "redirect:" + BASE + "/" + created.page().id();
		}
		catch (InvalidInputException | ConflictException ex) {
			response.setStatus(400);
			this.views.list(model);
			model.addAttribute("errors", Map.of(field(ex), ex.getMessage()));
			model.addAttribute("launchForm",
					Map.of("program", nz(program), "sku", nz(sku), "startsOn", nz(startsOn), "endsOn", nz(endsOn)));
			return "partnercenter/admin/list";
		}
	}

	@GetMapping(BASE + "/new")
	String newPage(Model model) {
		return this.views.pageForm(model, null, new PageDraft("", "", 0, false, List.of(), false, false), Map.of());
	}

	@PostMapping(BASE)
	String create(@RequestParam Map<String, String> form,
			@RequestParam(name = "programs", required = false) @Nullable List<String> ids, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		PageDraft draft = this.drafts.read(form, ids);
		try {
			PcPage page = this.pages.create(this.drafts.check(draft));
			redirect.addFlashAttribute("message", "Page created. Add blocks below.");
			return "redirect:" + BASE + "/" + page.id();
		}
		catch (InvalidInputException | ConflictException ex) {
			response.setStatus(400);
			return this.views.pageForm(model, null, draft, Map.of(field(ex), ex.getMessage()));
		}
	}

	@GetMapping(BASE + "/{id}")
	String edit(@PathVariable long id, Model model) {
		PcPage page = this.views.page(id);
		return this.views.pageForm(model, page, new PageDraft(page.title(), page.slug(), page.navOrder(),
				page.anyProgram(), page.programIds(), page.membersOnly(), page.published()), Map.of());
	}

	@PostMapping(BASE + "/{id}")
	String update(@PathVariable long id, @RequestParam Map<String, String> form,
			@RequestParam(name = "programs", required = false) @Nullable List<String> ids, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		PcPage page = this.views.page(id);
		PageDraft draft = this.drafts.read(form, ids);
		Long version = version(form.get("version"));
		try {
			this.pages.update(id, this.drafts.check(draft), version);
			redirect.addFlashAttribute("message", "Page saved.");
			return "redirect:" + BASE + "/" + id;
		}
		catch (InvalidInputException | ConflictException ex) {
			response.setStatus(400);
			model.addAttribute("formVersion", version);
			return this.views.pageForm(model, page, draft, Map.of(field(ex), ex.getMessage()));
		}
		catch (OptimisticLockingFailureException ex) {
			// the form keeps what this admin typed; saving again needs a reload first
			response.setStatus(HttpServletResponse.SC_CONFLICT);
			model.addAttribute("formVersion", version);
			return this.views.pageForm(model, page, draft,
					Map.of("version", "Someone else saved this page meanwhile: reload it to see their change."));
		}
	}

	/**
	 * The hidden version field; junk counts as none (the save then takes any version).
	 */
	private static @Nullable Long version(@Nullable String value) {
		try {
			return value == null || value.isBlank() ? null : Long.valueOf(value.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	@PostMapping(BASE + "/{id}/delete")
	String delete(@PathVariable long id, RedirectAttributes redirect) {
		this.views.page(id);
		this.pages.delete(id);
		redirect.addFlashAttribute("message", "Page deleted.");
		return "redirect:" + BASE;
	}

	private static LocalDate day(@Nullable String text, String field) {
		if (text == null || text.isBlank()) {
			throw new InvalidInputException(field,
					field.equals("startsOn") ? "Enter the contest start date." : "Enter a date.");
		}
		try {
			return LocalDate.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException(field, "Not a date (use 2026-11-30).");
		}
	}

}
