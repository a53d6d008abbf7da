package dev.partnerhub.partnercenter.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.partnerhub.filters.FilterJson;
import dev.partnerhub.filters.FilterRows;
import dev.partnerhub.partnercenter.domain.BlockConfigs;
import dev.partnerhub.partnercenter.domain.BlockType;
import dev.partnerhub.partnercenter.domain.PcPages.PcBlock;
import dev.partnerhub.partnercenter.domain.PcPages.PcPage;
import dev.partnerhub.partnercenter.domain.PcPages;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import dev.partnerhub.support.web.ErrorPages;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import static dev.partnerhub.partnercenter.web.BuilderPageForm.BASE;
import static dev.partnerhub.partnercenter.web.BuilderPageForm.defaultField;
import static dev.partnerhub.partnercenter.web.BuilderPageForm.field;

/**
 * A builder page's blocks ({@code /admin/partner-center/{id}/blocks}): added, edited,
 * moved and removed by buttons (POST forms with CSRF), the block form with its visual
 * condition builder shown again on every builder button and after an error. Apart from
 * the page controller because the block form's round trips are a concern of their own.
 */
@ErrorPages(nav = "partner-center", back = "/admin/partner-center",
		backLabel = "Back to the partner-center pages in the console")
@Controller
class BuilderBlocksController {

	private final PcPages pages;

	private final BlockConfigs configs;

	private final BuilderPageForm views;

	BuilderBlocksController(PcPages pages, BlockConfigs configs, BuilderPageForm views) {
		this.pages = pages;
		this.configs = configs;
		this.views = views;
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
		return saveBlock(this.views.page(id), null, form, model, response, redirect);
	}

	/**
	 * The block form filled in with a block's settings; a list's conditions open in the
	 * visual builder.
	 */
	@GetMapping(BASE + "/{id}/blocks/{blockId}/edit")
	String editBlockForm(@PathVariable long id, @PathVariable long blockId, Model model) {
		PcPage page = this.views.page(id);
		PcBlock block = this.views.block(id, blockId);
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
		return this.views.pageForm(model, page, PageDrafts.of(page), Map.of());
	}

	/**
	 * Saves a block's settings (its type stays), checked like a new block's; builder
	 * buttons as for adding.
	 */
	@PostMapping(BASE + "/{id}/blocks/{blockId}")
	String updateBlock(@PathVariable long id, @PathVariable long blockId, @RequestParam Map<String, String> form,
			Model model, HttpServletResponse response, RedirectAttributes redirect) {
		PcPage page = this.views.page(id);
		return saveBlock(page, this.views.block(id, blockId), form, model, response, redirect);
	}

	private String saveBlock(PcPage page, @Nullable PcBlock editing, Map<String, String> posted, Model model,
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
			return this.views.pageForm(model, page, PageDrafts.of(page), Map.of());
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
			return this.views.pageForm(model, page, PageDrafts.of(page), Map.of());
		}
	}

	@PostMapping(BASE + "/{id}/blocks/{blockId}/{action}")
	String blockAction(@PathVariable long id, @PathVariable long blockId, @PathVariable String action,
			RedirectAttributes redirect) {
		this.views.page(id);
		this.views.block(id, blockId);
		switch (action) {
			case "up" -> this.pages.move(id, blockId, true);
			case "down" -> this.pages.move(id, blockId, false);
			case "delete" -> this.pages.removeBlock(id, blockId);
			default -> throw new NotFoundException("No such action.");
		}
		redirect.addFlashAttribute("message", "delete".equals(action) ? "Block removed." : "Block moved.");
		return "redirect:" + BASE + "/" + id + "#blocks";
	}

}
