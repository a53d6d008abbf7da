package dev.partnerhub.mail.web;

import java.io.Writer;
import java.util.List;
import java.util.Map;

import dev.partnerhub.mail.MergeSubjects;
import dev.partnerhub.mail.domain.MailTemplate;
import dev.partnerhub.mail.domain.MailTemplates;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.web.Csv;
import dev.partnerhub.support.web.ListPage;
import dev.partnerhub.support.web.ListParams;
import dev.partnerhub.support.web.PageLinks;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * E-mail templates in the console: list, create, edit, and preview with a real partner's
 * merge fields (the preview button renders the form's text without saving it). Errors in
 * the template text are shown beside the field.
 */
@Controller
class TemplateController {

	private static final Map<String, String> FIELDS = Map.of("key", "key", "name", "name", "subject", "subject", "body",
			"body");

	private final MailTemplates templates;

	private final ObjectProvider<MergeSubjects> subjects;

	TemplateController(MailTemplates templates, ObjectProvider<MergeSubjects> subjects) {
		this.templates = templates;
		this.subjects = subjects;
	}

	@GetMapping("/admin/templates")
	String list(@ListPage(size = 50, maxSize = 200, sortable = { "key", "name", "updatedAt" },
			sort = "key") Pageable pageable, HttpServletRequest request, Model model) {
		Page<MailTemplate> rows = this.templates.list(pageable);
		model.addAttribute("rows", rows);
		model.addAttribute("links", PageLinks.of(rows, ListParams.currentList(request)));
		return "mail/templates";
	}

	@GetMapping("/admin/templates.csv")
	void csv(HttpServletResponse response) {
		Writer out = Csv.download(response, "templates.csv", List.of("key", "name", "subject", "system", "updated_at"));
		this.templates.all()
			.forEach(t -> Csv.writeRow(out,
					List.of(t.key(), t.name(), t.subject(), t.system(), t.updatedAt().toString())));
	}

	@GetMapping("/admin/templates/new")
	String newTemplate(Model model) {
		return form(model, new TemplateForm(), null, null);
	}

	@PostMapping("/admin/templates/new")
	String create(@ModelAttribute("templateForm") TemplateForm form, BindingResult result,
			@RequestParam(defaultValue = "save") String action, Model model, RedirectAttributes redirect) {
		if ("preview".equals(action)) {
			return preview(form, result, model, null);
		}
		try {
			MailTemplate created = this.templates.create(form.getKey(), form.getName(), form.getSubject(),
					form.getBody());
			redirect.addFlashAttribute("message", "Template " + created.key() + " created.");
			return "redirect:/admin/templates/" + created.id();
		}
		catch (InvalidInputException | ConflictException ex) {
			reject(result, ex);
			return form(model, form, null, null);
		}
	}

	@GetMapping("/admin/templates/{id}")
	String edit(@PathVariable long id, Model model) {
		MailTemplate template = this.templates.get(id);
		return form(model, TemplateForm.of(template), template, null);
	}

	@PostMapping("/admin/templates/{id}")
	String update(@PathVariable long id, @ModelAttribute("templateForm") TemplateForm form, BindingResult result,
			@RequestParam(defaultValue = "save") String action, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		MailTemplate existing = this.templates.get(id);
		if ("preview".equals(action)) {
			return preview(form, result, model, existing);
		}
		try {
			MailTemplate saved = this.templates.update(id, form.getKey(), form.getName(), form.getSubject(),
					form.getBody(), form.getVersion());
			redirect.addFlashAttribute("message", "Template " + saved.key() + " saved.");
			return "redirect:/admin/templates/" + id;
		}
		catch (InvalidInputException | ConflictException ex) {
			reject(result, ex);
			return form(model, form, existing, null);
		}
		catch (OptimisticLockingFailureException ex) {
			// the form keeps what this admin typed (and the version it was loaded with):
			// saving again needs a reload first
			result.reject("changed", "Someone else saved this template meanwhile: reload it to see their change.");
			response.setStatus(HttpServletResponse.SC_CONFLICT);
			return form(model, form, existing, null);
		}
	}

	private String preview(TemplateForm form, BindingResult result, Model model, MailTemplate existing) {
		MergeSubjects finder = this.subjects.getIfAvailable();
		MergeSubjects.Subject subject = null;
		String partner = ListParams.trimmed(form.getPreviewPartner(), 60);
		if (partner != null && finder != null) {
			subject = finder.find(partner).orElse(null);
			if (subject == null) {
				result.rejectValue("previewPartner", "unknown", "No partner has the code or id " + partner + ".");
			}
		}
		MailTemplates.Rendered rendered = null;
		try {
			rendered = this.templates.preview(form.getSubject() == null ? "" : form.getSubject(),
					form.getBody() == null ? "" : form.getBody(), subject == null ? null : subject.partnerId());
		}
		catch (InvalidInputException ex) {
			reject(result, ex);
		}
		model.addAttribute("previewSubject", subject);
		return form(model, form, existing, rendered);
	}

	private String form(Model model, TemplateForm form, MailTemplate existing, MailTemplates.Rendered preview) {
		model.addAttribute("templateForm", form);
		if (!model.containsAttribute(BindingResult.MODEL_KEY_PREFIX + "templateForm")) {
			model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "templateForm",
					new BeanPropertyBindingResult(form, "templateForm"));
		}
		model.addAttribute("template", existing);
		model.addAttribute("preview", preview);
		model.addAttribute("fields", this.templates.fieldDescriptions());
		model.addAttribute("fieldCatalog", this.templates.fieldCatalog());
		MergeSubjects finder = this.subjects.getIfAvailable();
		model.addAttribute("partners", finder == null ? List.of() : finder.recent(50));
		return "mail/template-form";
	}

	private static void reject(BindingResult result, RuntimeException ex) {
		String field = ex instanceof ConflictException conflict ? conflict.field()
				: ex instanceof InvalidInputException invalid ? invalid.field() : null;
		String formField = field == null ? null : FIELDS.get(field);
		if (formField != null) {
			result.rejectValue(formField, "domain", ex.getMessage());
		}
		else {
			result.reject("domain", ex.getMessage());
		}
	}

	/**
	 * The editor's form; {@code previewPartner} is a partner code or id to preview with.
	 */
	public static class TemplateForm {

		private @Nullable String key;

		private @Nullable String name;

		private @Nullable String subject;

		private @Nullable String body;

		private @Nullable String previewPartner;

		// the template's version when the form was loaded (optimistic locking)
		private @Nullable Long version;

		static TemplateForm of(MailTemplate template) {
			TemplateForm form = new TemplateForm();
			form.version = template.version();
			form.key = template.key();
			form.name = template.name();
			form.subject = template.subject();
			form.body = template.body();
			return form;
		}

		public @Nullable String getKey() {
			return this.key;
		}

		public void setKey(@Nullable String key) {
			this.key = key;
		}

		public @Nullable String getName() {
			return this.name;
		}

		public void setName(@Nullable String name) {
			this.name = name;
		}

		public @Nullable String getSubject() {
			return this.subject;
		}

		public void setSubject(@Nullable String subject) {
			this.subject = subject;
		}

		public @Nullable String getBody() {
			return this.body;
		}

		public void setBody(@Nullable String body) {
			this.body = body;
		}

		public @Nullable String getPreviewPartner() {
			return this.previewPartner;
		}

		public void setPreviewPartner(@Nullable String previewPartner) {
			this.previewPartner = previewPartner;
		}

		public @Nullable Long getVersion() {
			return this.version;
		}

		public void setVersion(@Nullable Long version) {
			this.version = version;
		}

	}

}
