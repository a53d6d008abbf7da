package dev.partnerhub.partnercenter.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.partnerhub.filters.FieldCatalog;
import dev.partnerhub.filters.FilterJson;
import dev.partnerhub.filters.FilterRows;
import dev.partnerhub.filters.FilterText;
import dev.partnerhub.filters.Op;
import dev.partnerhub.partnercenter.domain.BlockConfigs;
import dev.partnerhub.partnercenter.domain.BlockType;
import dev.partnerhub.partnercenter.domain.LaunchTemplate;
import dev.partnerhub.partnercenter.domain.ListSource;
import dev.partnerhub.partnercenter.domain.PartnerCenterQueries.Me;
import dev.partnerhub.partnercenter.domain.PartnerCenterQueries;
import dev.partnerhub.partnercenter.domain.PcLandings;
import dev.partnerhub.partnercenter.domain.PcPages.PageDraft;
import dev.partnerhub.partnercenter.domain.PcPages.PcBlock;
import dev.partnerhub.partnercenter.domain.PcPages.PcPage;
import dev.partnerhub.partnercenter.domain.PcPages;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.rollups.RollupApi;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import dev.partnerhub.support.web.ErrorPages;
import dev.partnerhub.support.web.ListParams;
import jakarta.servlet.http.HttpServletRequest;
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

/**
 * The console's partner-center builder ({@code /admin/partner-center}, ADMIN only by the
 * {@code /admin/**} rule): pages with their display condition, blocks added, removed and
 * moved by buttons (POST forms with CSRF), a preview as a chosen partner (rendered by the
 * same {@link BlockRenderer} as his own view, read-only) and the launch template.
 */
@ErrorPages(nav = "partner-center", back = "/admin/partner-center",
		backLabel = "Back to the partner-center pages in the console")
@Controller
class PartnerCenterBuilderController {

	private static final String BASE = "/admin/partner-center";

	private final PcPages pages;

	private final BlockConfigs configs;

	private final BlockRenderer renderer;

	private final PartnerCenterQueries queries;

	private final ProgramApi programs;

	private final RollupApi rollups;

	private final LaunchTemplate launch;

	private final PageDrafts drafts;

	private final PcLandings landings;

	PartnerCenterBuilderController(PcPages pages, BlockConfigs configs, BlockRenderer renderer,
			PartnerCenterQueries queries, ProgramApi programs, RollupApi rollups, LaunchTemplate launch,
			PageDrafts drafts, PcLandings landings) {
		this.pages = pages;
		this.landings = landings;
		this.drafts = drafts;
		this.configs = configs;
		this.renderer = renderer;
		this.queries = queries;
		this.programs = programs;
		this.rollups = rollups;
		this.launch = launch;
	}

	@GetMapping(BASE)
	String list(Model model) {
		Map<Long, String> names = this.drafts.programNames();
		List<PcPage> all = this.pages.all();
		model.addAttribute("pages", all);
		model.addAttribute("programNames", names);
		model.addAttribute("programs", this.programs.allPrograms());
		model.addAttribute("errors", Map.of());
		// per program: the pages its partners may see, any of which can be what /partner
		// shows first
		Map<Long, List<PcPage>> options = new HashMap<>();
		this.programs.allPrograms()
			.forEach(p -> options.put(p.id(),
					all.stream()
						.filter(page -> page.published() && (page.anyProgram() || page.programIds().contains(p.id())))
						.toList()));
		model.addAttribute("landingOptions", options);
		model.addAttribute("landings", this.landings.all());
		return "partnercenter/admin/list";
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
			list(model);
			model.addAttribute("errors", Map.of(field(ex), ex.getMessage()));
			model.addAttribute("launchForm",
					Map.of("program", nz(program), "sku", nz(sku), "startsOn", nz(startsOn), "endsOn", nz(endsOn)));
			return "partnercenter/admin/list";
		}
	}

	@GetMapping(BASE + "/new")
	String newPage(Model model) {
		return pageForm(model, null, new PageDraft("", "", 0, false, List.of(), false, false), Map.of());
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
			return pageForm(model, null, draft, Map.of(field(ex), ex.getMessage()));
		}
	}

	@GetMapping(BASE + "/{id}")
	String edit(@PathVariable long id, Model model) {
		PcPage page = page(id);
		return pageForm(model, page, new PageDraft(page.title(), page.slug(), page.navOrder(), page.anyProgram(),
				page.programIds(), page.membersOnly(), page.published()), Map.of());
	}

	@PostMapping(BASE + "/{id}")
	String update(@PathVariable long id, @RequestParam Map<String, String> form,
			@RequestParam(name = "programs", required = false) @Nullable List<String> ids, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		PcPage page = page(id);
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
			return pageForm(model, page, draft, Map.of(field(ex), ex.getMessage()));
		}
		catch (OptimisticLockingFailureException ex) {
			// the form keeps what this admin typed; saving again needs a reload first
			response.setStatus(HttpServletResponse.SC_CONFLICT);
			model.addAttribute("formVersion", version);
			return pageForm(model, page, draft,
					Map.of("version", "Someone else saved this page meanwhile: reload it to see their change."));
		}
	}

	/**
	 * The hidden version field; junk counts as none (the save then takes any version).
	 */
	private static Long version(String value) {
		try {
			return value == null || value.isBlank() ? null : Long.valueOf(value.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	@PostMapping(BASE + "/{id}/delete")
	String delete(@PathVariable long id, RedirectAttributes redirect) {
		page(id);
		this.pages.delete(id);
		redirect.addFlashAttribute("message", "Page deleted.");
		return "redirect:" + BASE;
	}

	/**
	 * Adds a block, or (buttons of the visual condition builder: {@code action} =
	 * {@code addCondition:i}, {@code addGroup:i}, {@code remove:i}, {@code refresh} after
	 * the list source changed) shows the form again with the edited condition rows,
	 * nothing stored.
	 */
	@PostMapping(BASE + "/{id}/blocks")
	String addBlock(@PathVariable long id, @RequestParam Map<String, String> form, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		return saveBlock(page(id), null, form, model, response, redirect);
	}

	/**
	 * The block form filled in with a block's settings; a list's conditions open in the
	 * visual builder.
	 */
	@GetMapping(BASE + "/{id}/blocks/{blockId}/edit")
	String editBlockForm(@PathVariable long id, @PathVariable long blockId, Model model) {
		PcPage page = page(id);
		PcBlock block = block(id, blockId);
		Map<String, String> form = new HashMap<>(block.config());
		form.put("type", block.type().value());
		List<FilterRows.Row> rows = FilterRows.empty();
		String filter = form.remove("filter");
		if (filter != null && !filter.isBlank()) {
			try {
				rows = FilterRows.of(FilterJson.parse(filter, "filter"));
			}
			catch (InvalidInputException ex) {
				form.put("filter", filter); // not expected for a stored filter: shown as
											// written in the JSON box
			}
		}
		model.addAttribute("blockForm", form);
		model.addAttribute("blockErrors", Map.of());
		model.addAttribute("blockRows", rows);
		model.addAttribute("editingBlock", block);
		return pageForm(model, page, PageDrafts.of(page), Map.of());
	}

	/**
	 * Saves a block's settings (its type stays), checked like a new block's; builder
	 * buttons as for adding.
	 */
	@PostMapping(BASE + "/{id}/blocks/{blockId}")
	String updateBlock(@PathVariable long id, @PathVariable long blockId, @RequestParam Map<String, String> form,
			Model model, HttpServletResponse response, RedirectAttributes redirect) {
		PcPage page = page(id);
		return saveBlock(page, block(id, blockId), form, model, response, redirect);
	}

	private PcBlock block(long pageId, long blockId) {
		return this.pages.block(pageId, blockId).orElseThrow(() -> new NotFoundException("No such block."));
	}

	private String saveBlock(PcPage page, PcBlock editing, Map<String, String> posted, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		Map<String, String> form = new HashMap<>(posted);
		if (editing != null) {
			form.put("type", editing.type().value());
			model.addAttribute("editingBlock", editing);
		}
		List<FilterRows.Row> rows = FilterRows.fromParams(form, BlockConfigs.ROWS);
		String action = form.getOrDefault("action", "save");
		if ("refresh".equals(action) || FilterRows.edit(rows, action, defaultField(form.get("source")))) {
			model.addAttribute("blockForm", form);
			model.addAttribute("blockErrors", Map.of());
			model.addAttribute("blockRows", rows);
			return pageForm(model, page, PageDrafts.of(page), Map.of());
		}
		try {
			BlockType type = BlockType.of(form.getOrDefault("type", ""));
			Map<String, String> config = this.configs.check(type, form, rows);
			if (editing == null) {
				this.pages.addBlock(page.id(), type, config);
			}
			else {
				this.pages.updateBlock(page.id(), editing.id(), config);
			}
			redirect.addFlashAttribute("message", editing == null ? "Block added." : "Block saved.");
			return "redirect:" + BASE + "/" + page.id() + "#blocks";
		}
		catch (InvalidInputException ex) {
			response.setStatus(400);
			FilterRows.Row row = form.getOrDefault("filter", "").isBlank() ? FilterRows.rowFor(rows, ex.field()) : null;
			boolean besideRow = row != null && row != rows.get(0);
			if (besideRow) {
				row.setError(ex.getMessage());
			}
			model.addAttribute("blockForm", form);
			// once: beside the condition row it concerns, else above the block form
			model.addAttribute("blockErrors", besideRow ? Map.of() : Map.of(field(ex), ex.getMessage()));
			model.addAttribute("blockRows", rows);
			return pageForm(model, page, PageDrafts.of(page), Map.of());
		}
	}

	/**
	 * The list source the form names (the first one when it names none or an unknown
	 * one).
	 */
	private static ListSource sourceOf(String value) {
		for (ListSource source : ListSource.values()) {
			if (source.value().equals(value)) {
				return source;
			}
		}
		return ListSource.values()[0];
	}

	private static String defaultField(String source) {
		FieldCatalog catalog = sourceOf(source).catalog();
		return catalog == null ? "" : catalog.names().get(0);
	}

	@PostMapping(BASE + "/{id}/blocks/{blockId}/{action}")
	String blockAction(@PathVariable long id, @PathVariable long blockId, @PathVariable String action,
			RedirectAttributes redirect) {
		page(id);
		block(id, blockId);
		switch (action) {
			case "up" -> this.pages.move(id, blockId, true);
			case "down" -> this.pages.move(id, blockId, false);
			case "delete" -> this.pages.removeBlock(id, blockId);
			default -> throw new NotFoundException("No such action.");
		}
		redirect.addFlashAttribute("message", "delete".equals(action) ? "Block removed." : "Block moved.");
		return "redirect:" + BASE + "/" + id + "#blocks";
	}

	/**
	 * The page as the chosen partner sees it (his data, his program), inside the console
	 * and read-only.
	 */
	@GetMapping(BASE + "/{id}/preview")
	String preview(@PathVariable long id, @RequestParam(required = false) @Nullable String partner, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		PcPage page = page(id);
		model.addAttribute("page", page);
		model.addAttribute("partner", nz(partner));
		if (partner == null || partner.isBlank()) {
			return "partnercenter/admin/preview";
		}
		Me me = this.queries.meByCode(partner).orElse(null);
		if (me == null) {
			response.setStatus(400);
			model.addAttribute("problem", "No partner with the code '" + partner.strip() + "'.");
			return "partnercenter/admin/preview";
		}
		model.addAttribute("me", me);
		boolean sees = page.published() && (page.anyProgram() || page.programIds().contains(me.programId()));
		model.addAttribute("sees", sees);
		// lists page and sort here too (links keep ?partner=); no CSV: that is the
		// partner's own download
		model.addAttribute("blocks", this.renderer.render(this.pages.blocks(id), me,
				new BlockRenderer.ListRequest(request.getParameterMap(), ListParams.currentList(request), null)));
		return "partnercenter/admin/preview";
	}

	private String pageForm(Model model, PcPage page, PageDraft draft, Map<String, String> errors) {
		model.addAttribute("page", page);
		model.addAttribute("draft", draft);
		model.addAttribute("errors", errors);
		model.addAttribute("programs", this.programs.allPrograms());
		if (page != null) {
			model.addAttribute("blocks", this.pages.blocks(page.id()));
			model.addAttribute("programNames", this.drafts.programNames());
		}
		if (!model.containsAttribute("blockForm")) {
			model.addAttribute("blockForm", Map.of());
			model.addAttribute("blockErrors", Map.of());
		}
		model.addAttribute("types", BlockType.values());
		model.addAttribute("sources", ListSource.values());
		if (!model.containsAttribute("blockRows")) {
			model.addAttribute("blockRows", FilterRows.empty());
		}
		// the visual condition builder offers the fields of the chosen source (the rollup
		// relationship's catalog)
		@SuppressWarnings("unchecked")
		ListSource source = sourceOf(
				String.valueOf(((Map<String, String>) model.getAttribute("blockForm")).get("source")));
		model.addAttribute("blockSource", source);
		model.addAttribute("conditionFields", source.catalog() == null ? List.of() : source.catalog()
			.fields()
			.stream()
			.map(f -> Map.of("name", f.name(), "label",
					FilterText.label(f.name()) + " (" + f.type().name().toLowerCase(java.util.Locale.ROOT) + ")"))
			.toList());
		model.addAttribute("ops", Op.values());
		model.addAttribute("rollupFields", this.rollups.fields());
		model.addAttribute("mergeFields", this.configs.mergeFields());
		return "partnercenter/admin/page";
	}

	private PcPage page(long id) {
		return this.pages.find(id).orElseThrow(() -> new NotFoundException("No such page."));
	}

	private static LocalDate day(String text, String field) {
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

	private static String field(RuntimeException ex) {
		if (ex instanceof InvalidInputException invalid && invalid.field() != null) {
			String field = invalid.field();
			return field.startsWith("filter") ? "filter" : field;
		}
		if (ex instanceof ConflictException conflict && conflict.field() != null) {
			return conflict.field();
		}
		return ex instanceof ConflictException ? "slug" : "form";
	}

	private static String nz(String text) {
		return text == null ? "" : text;
	}

}
