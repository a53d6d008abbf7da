package dev.partnerhub.partnercenter.web;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.partnerhub.filters.FieldCatalog;
import dev.partnerhub.filters.FilterRows;
import dev.partnerhub.filters.FilterText;
import dev.partnerhub.filters.Op;
import dev.partnerhub.partnercenter.domain.BlockConfigs;
import dev.partnerhub.partnercenter.domain.BlockType;
import dev.partnerhub.partnercenter.domain.ListSource;
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
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What the builder's controllers share: the two views they all come back to (the list of
 * pages, and one page's form with its block form and condition builder) and the page and
 * block lookups that answer 404. Kept apart so that the page, block and launch
 * controllers render the same model after an error.
 */
@Component
class BuilderPageForm {

	static final String BASE = "/admin/partner-center";

	private final PcPages pages;

	private final BlockConfigs configs;

	private final ProgramApi programs;

	private final RollupApi rollups;

	private final PageDrafts drafts;

	private final PcLandings landings;

	BuilderPageForm(PcPages pages, BlockConfigs configs, ProgramApi programs, RollupApi rollups, PageDrafts drafts,
			PcLandings landings) {
		this.pages = pages;
		this.configs = configs;
		this.programs = programs;
		this.rollups = rollups;
		this.drafts = drafts;
		this.landings = landings;
	}

	/** The list of pages with the landing choice and the launch form. */
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
	 * One page's form ({@code page} null for a new one) with its blocks, the block form
	 * (whatever a controller already put in the model, else empty) and the condition
	 * builder's fields.
	 */
	String pageForm(Model model, @Nullable PcPage page, PageDraft draft, Map<String, String> errors) {
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
		model.addAttribute("conditionFields",
				source.catalog() == null ? List.of()
						: source.catalog()
							.fields()
							.stream()
							.map(f -> Map.of("name", f.name(), "label",
									FilterText.label(f.name()) + " (" + f.type().name().toLowerCase(Locale.ROOT) + ")"))
							.toList());
		model.addAttribute("ops", Op.values());
		model.addAttribute("rollupFields", this.rollups.fields());
		model.addAttribute("mergeFields", this.configs.mergeFields());
		return "partnercenter/admin/page";
	}

	PcPage page(long id) {
		return this.pages.find(id).orElseThrow(() -> new NotFoundException("No such page."));
	}

	PcBlock block(long pageId, long blockId) {
		return this.pages.block(pageId, blockId).orElseThrow(() -> new NotFoundException("No such block."));
	}

	/**
	 * The list source the form names (the first one when it names none or an unknown
	 * one).
	 */
	static ListSource sourceOf(@Nullable String value) {
		for (ListSource source : ListSource.values()) {
			if (source.value().equals(value)) {
				return source;
			}
		}
		return ListSource.values()[0];
	}

	static String defaultField(@Nullable String source) {
		FieldCatalog catalog = sourceOf(source).catalog();
		return catalog == null ? "" : catalog.names().get(0);
	}

	/** The form field an error belongs beside. */
	static String field(RuntimeException ex) {
		if (ex instanceof InvalidInputException invalid && invalid.field() != null) {
			String field = invalid.field();
			return field.startsWith("filter") ? "filter" : field;
		}
		if (ex instanceof ConflictException conflict && conflict.field() != null) {
			return conflict.field();
		}
		return ex instanceof ConflictException ? "slug" : "form";
	}

	static String nz(@Nullable String text) {
		return text == null ? "" : text;
	}

}
