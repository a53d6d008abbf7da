package dev.partnerhub.rollups.web;

import java.util.List;
import java.util.Map;

import dev.partnerhub.filters.FieldCatalog;
import dev.partnerhub.filters.FilterText;
import dev.partnerhub.filters.Op;
import dev.partnerhub.rollups.Relationship;
import dev.partnerhub.rollups.RollupApi;
import dev.partnerhub.rollups.RollupField;
import dev.partnerhub.rollups.RollupFunction;
import dev.partnerhub.rollups.domain.RollupDefinitions;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Console pages for rollup fields: the list with each definition's filter in words and
 * its recompute progress, the create/edit form with a server-side condition builder,
 * delete, and the contact page's "Rollup fields" card.
 */
@Controller
class RollupConsoleController {

	private final RollupDefinitions definitions;

	private final RollupApi rollups;

	RollupConsoleController(RollupDefinitions definitions, RollupApi rollups) {
		this.definitions = definitions;
		this.rollups = rollups;
	}

	@ModelAttribute("functions")
	RollupFunction[] functions() {
		return RollupFunction.values();
	}

	@ModelAttribute("relationships")
	Relationship[] relationships() {
		return Relationship.values();
	}

	@ModelAttribute("ops")
	Op[] ops() {
		return Op.values();
	}

	@GetMapping("/admin/rollups")
	String list(Model model) {
		model.addAttribute("rows", this.definitions.listed());
		return "rollups/list";
	}

	/** The recompute progress cell; htmx polls it while the recompute runs. */
	@GetMapping("/admin/rollups/{id}/progress")
	String progress(@PathVariable long id, Model model) {
		model.addAttribute("row",
				this.definitions.findListed(id).orElseThrow(() -> new NotFoundException("No rollup field " + id)));
		return "rollups/list :: progress";
	}

	@GetMapping("/admin/rollups/new")
	String newForm(Model model) {
		return form(new RollupForm(), null, model);
	}

	@GetMapping("/admin/rollups/{id}/edit")
	String editForm(@PathVariable long id, Model model) {
		return form(RollupForm.of(this.definitions.get(id)), id, model);
	}

	@PostMapping("/admin/rollups/new")
	String create(@ModelAttribute("rollup") RollupForm form, BindingResult result,
			@RequestParam(defaultValue = "save") String action, Model model, RedirectAttributes redirect) {
		return save(form, result, action, null, model, redirect);
	}

	@PostMapping("/admin/rollups/{id}/edit")
	String update(@PathVariable long id, @ModelAttribute("rollup") RollupForm form, BindingResult result,
			@RequestParam(defaultValue = "save") String action, Model model, RedirectAttributes redirect) {
		this.definitions.get(id);
		return save(form, result, action, id, model, redirect);
	}

	@PostMapping("/admin/rollups/{id}/delete")
	String delete(@PathVariable long id, RedirectAttributes redirect) {
		RollupField field = this.definitions.get(id);
		this.definitions.delete(id);
		redirect.addFlashAttribute("message", "Rollup field " + field.name() + " deleted.");
		return "redirect:/admin/rollups";
	}

	/**
	 * The contact page's card (loaded with htmx): every rollup value of the contact,
	 * computed now.
	 */
	@GetMapping("/admin/rollups/contact/{contactId}")
	String contactCard(@PathVariable long contactId, Model model) {
		model.addAttribute("values", this.rollups.valuesOf(contactId).values());
		return "rollups/contact-card :: card";
	}

	private String save(RollupForm form, BindingResult result, String action, Long id, Model model,
			RedirectAttributes redirect) {
		if (form.edit(action) || "refresh".equals(action) || result.hasErrors()) {
			return form(form, id, model);
		}
		try {
			RollupField saved = id == null ? this.definitions.create(form.draft())
					: this.definitions.update(id, form.draft());
			redirect.addFlashAttribute("message", "Rollup field " + saved.name() + (id == null ? " created" : " saved")
					+ "; its values are being computed.");
			return "redirect:/admin/rollups";
		}
		catch (InvalidInputException | ConflictException ex) {
			String field = ex instanceof InvalidInputException invalid ? invalid.field()
					: ((ConflictException) ex).field();
			if (field != null && List.of("name", "function", "relationship", "field").contains(field)) {
				result.rejectValue(field, "invalid", ex.getMessage());
			}
			else {
				dev.partnerhub.filters.FilterRows.Row row = form.rowFor(field);
				// once: beside the row it concerns, else above the form
				if (row != null) {
					row.setError(ex.getMessage());
				}
				else {
					result.reject("invalid", ex.getMessage());
				}
			}
			return form(form, id, model);
		}
	}

	private String form(RollupForm form, Long id, Model model) {
		model.addAttribute("rollup", form);
		model.addAttribute("rollupId", id);
		Relationship relationship;
		try {
			relationship = Relationship.of(form.getRelationship());
		}
		catch (IllegalArgumentException ex) {
			relationship = Relationship.COMMISSIONS_EARNED;
		}
		FieldCatalog catalog = relationship.catalog();
		model.addAttribute("conditionFields", catalog.fields()
			.stream()
			.map(f -> Map.of("name", f.name(), "label",
					FilterText.label(f.name()) + " (" + f.type().name().toLowerCase(java.util.Locale.ROOT) + ")"))
			.toList());
		model.addAttribute("valueFields", relationship.valueFields());
		return "rollups/form";
	}

}
