package dev.partnerhub.tracking.web;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.web.ErrorPages;
import dev.partnerhub.support.web.PageLinks;
import dev.partnerhub.tracking.domain.BannerImages;
import dev.partnerhub.tracking.domain.PromoTool;
import dev.partnerhub.tracking.domain.PromoToolKind;
import dev.partnerhub.tracking.domain.PromoToolService;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Console: promo tools per program (tracked links, banners, e-mail swipes, lightboxes).
 */
@ErrorPages(nav = "promo-tools", back = "/admin/promo-tools", backLabel = "Back to promo tools",
		notFound = "Promo tool not found", notFoundDetail = "There is no such promo tool; it may have been deleted.")
@Controller
@RequestMapping("/admin/promo-tools")
class PromoToolController {

	private static final Set<String> SORTABLE = Set.of("name", "kind", "createdAt");

	private final PromoToolService tools;

	private final ProgramApi programs;

	PromoToolController(PromoToolService tools, ProgramApi programs) {
		this.tools = tools;
		this.programs = programs;
	}

	@GetMapping
	String list(@RequestParam(required = false) @Nullable String program, @RequestParam(defaultValue = "0") String page,
			@RequestParam(defaultValue = "name,asc") String sort, Model model) {
		Long programId = parseLong(program);
		Page<PromoTool> result = this.tools.list(programId,
				PageRequest.of(Math.max(0, Math.min(parseInt(page), 10_000)), 20, sortOf(sort)));
		model.addAttribute("tools", result);
		model.addAttribute("links", PageLinks.of(result, ServletUriComponentsBuilder.fromCurrentRequest()));
		model.addAttribute("programId", programId);
		addPrograms(model);
		return "tracking/promo-tools";
	}

	@GetMapping("/new")
	String newTool(@RequestParam(defaultValue = "link") String kind,
			@RequestParam(required = false) @Nullable String program, Model model) {
		PromoToolForm form = new PromoToolForm();
		form.setKind(PromoToolKind.parse(kind) == null ? "link" : PromoToolKind.parse(kind).value());
		form.setProgramId(parseLong(program));
		model.addAttribute("form", form);
		return showForm(model, null);
	}

	@PostMapping
	String create(@Valid @ModelAttribute("form") PromoToolForm form, BindingResult errors, Model model,
			RedirectAttributes redirect, jakarta.servlet.http.HttpServletResponse response) {
		if (errors.hasErrors()) {
			return showForm(model, null);
		}
		try {
			PromoTool tool = this.tools.create(form.draft(), bytes(form.getImage()));
			redirect.addFlashAttribute("message", tool.getKind().label() + " “" + tool.getName() + "” created.");
			return "redirect:/admin/promo-tools?program=" + tool.getProgramId();
		}
		catch (InvalidInputException ex) {
			errors.rejectValue(field(ex), "invalid", ex.getMessage());
			refusedUpload(ex, response);
			return showForm(model, null);
		}
	}

	@GetMapping("/{id}/edit")
	String edit(@PathVariable long id, Model model) {
		PromoTool tool = this.tools.get(id);
		model.addAttribute("form", PromoToolForm.of(tool));
		return showForm(model, tool);
	}

	@PostMapping("/{id}")
	String update(@PathVariable long id, @Valid @ModelAttribute("form") PromoToolForm form, BindingResult errors,
			Model model, RedirectAttributes redirect, jakarta.servlet.http.HttpServletResponse response) {
		PromoTool tool = this.tools.get(id);
		form.setKind(tool.getKind().value());
		if (errors.hasErrors()) {
			return showForm(model, tool);
		}
		try {
			PromoTool saved = this.tools.update(id, form.draft(), bytes(form.getImage()));
			redirect.addFlashAttribute("message", "“" + saved.getName() + "” saved.");
			return "redirect:/admin/promo-tools?program=" + saved.getProgramId();
		}
		catch (InvalidInputException ex) {
			errors.rejectValue(field(ex), "invalid", ex.getMessage());
			refusedUpload(ex, response);
			return showForm(model, tool);
		}
		catch (OptimisticLockingFailureException ex) {
			errors.reject("concurrent", "Someone else changed this promo tool; reload and try again.");
			return showForm(model, tool);
		}
	}

	@PostMapping("/{id}/delete")
	String delete(@PathVariable long id, RedirectAttributes redirect) {
		PromoTool tool = this.tools.get(id);
		this.tools.delete(id);
		redirect.addFlashAttribute("message", "“" + tool.getName() + "” deleted.");
		return "redirect:/admin/promo-tools?program=" + tool.getProgramId();
	}

	/**
	 * A refused upload (not an image, too big) is a client error: 422 with the form and
	 * its message.
	 */
	private static void refusedUpload(InvalidInputException ex, jakarta.servlet.http.HttpServletResponse response) {
		if ("image".equals(field(ex))) {
			response.setStatus(org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT.value());
		}
	}

	private String showForm(Model model, PromoTool tool) {
		model.addAttribute("tool", tool);
		model.addAttribute("kind", ((PromoToolForm) model.getAttribute("form")).kindValue());
		model.addAttribute("maxImageBytes", BannerImages.MAX_BYTES);
		model.addAttribute("mergeFields", dev.partnerhub.tracking.PromoToolFields.FIELDS);
		addPrograms(model);
		return "tracking/promo-tool-form";
	}

	private void addPrograms(Model model) {
		var all = this.programs.allPrograms();
		model.addAttribute("programs", all);
		Map<Long, String> names = all.stream().collect(Collectors.toMap(ProgramSummary::id, ProgramSummary::name));
		model.addAttribute("programNames", names);
		model.addAttribute("kinds", PromoToolKind.values());
	}

	/** Service fields that have no input of their own are shown on the closest one. */
	private static String field(InvalidInputException ex) {
		String field = ex.field();
		return field == null || field.equals("kind") ? "name" : field;
	}

	private static byte @Nullable [] bytes(@Nullable MultipartFile image) {
		if (image == null || image.isEmpty()) {
			return null;
		}
		if (image.getSize() > BannerImages.MAX_BYTES) {
			throw new InvalidInputException("image", "The image must be at most 1 MB.");
		}
		try {
			return image.getBytes();
		}
		catch (IOException ex) {
			throw new InvalidInputException("image", "The upload could not be read; try again.");
		}
	}

	private static Sort sortOf(String sort) {
		String[] parts = sort.split(",", 2);
		String property = SORTABLE.contains(parts[0]) ? parts[0] : "name";
		boolean desc = parts.length > 1 && parts[1].equalsIgnoreCase("desc");
		Sort primary = Sort.by(desc ? Sort.Direction.DESC : Sort.Direction.ASC, property);
		return primary.and(Sort.by("id"));
	}

	private static @Nullable Long parseLong(String value) {
		try {
			return value == null || value.isBlank() ? null : Long.valueOf(value.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static int parseInt(String value) {
		try {
			return Integer.parseInt(value.strip());
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
