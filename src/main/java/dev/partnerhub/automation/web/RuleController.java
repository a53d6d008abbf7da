package dev.partnerhub.automation.web;

import java.io.Writer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import dev.partnerhub.automation.Rule;
import dev.partnerhub.automation.RuleActionType;
import dev.partnerhub.automation.RuleRun;
import dev.partnerhub.automation.RuleTrigger;
import dev.partnerhub.automation.domain.Rules;
import dev.partnerhub.automation.domain.Sequences;
import dev.partnerhub.filters.ConditionRowsForm;
import dev.partnerhub.filters.Op;
import dev.partnerhub.groups.GroupApi;
import dev.partnerhub.mail.MailApi;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.rollups.RollupApi;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.web.Csv;
import dev.partnerhub.support.web.ListPage;
import dev.partnerhub.support.web.ListParams;
import dev.partnerhub.support.web.PageLinks;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
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
 * Rules in the console: list, create/edit with the condition builder and action rows,
 * enable/disable, run log.
 */
@Controller
class RuleController {

	private final Rules rules;

	private final GroupApi groups;

	private final ProgramApi programs;

	private final MailApi mail;

	private final Sequences sequences;

	private final RollupApi rollups;

	RuleController(Rules rules, GroupApi groups, ProgramApi programs, MailApi mail, Sequences sequences,
			RollupApi rollups) {
		this.rules = rules;
		this.groups = groups;
		this.programs = programs;
		this.mail = mail;
		this.sequences = sequences;
		this.rollups = rollups;
	}

	@GetMapping("/admin/rules")
	String list(Model model) {
		model.addAttribute("rules", this.rules.rules());
		return "automation/rules";
	}

	@GetMapping("/admin/rules/new")
	String create(Model model) {
		return form(model, RuleForm.empty(), null);
	}

	@PostMapping("/admin/rules/new")
	String create(@ModelAttribute("ruleForm") RuleForm form, BindingResult result,
			@RequestParam(required = false) @Nullable String action, Model model, RedirectAttributes redirect) {
		if (form.edit(action)) {
			form.pad();
			return form(model, form, null);
		}
		try {
			Rule rule = this.rules.create(form.draft());
			redirect.addFlashAttribute("message", "Rule saved.");
			return "redirect:/admin/rules/" + rule.id();
		}
		catch (InvalidInputException | ConflictException ex) {
			reject(result, form, ex);
			form.pad();
			return form(model, form, null);
		}
	}

	@GetMapping("/admin/rules/{id}/edit")
	String edit(@PathVariable long id, Model model) {
		Rule rule = this.rules.get(id);
		return form(model, RuleForm.of(rule), rule);
	}

	@PostMapping("/admin/rules/{id}/edit")
	String edit(@PathVariable long id, @ModelAttribute("ruleForm") RuleForm form, BindingResult result,
			@RequestParam(required = false) @Nullable String action, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		Rule rule = this.rules.get(id);
		if (form.edit(action)) {
			form.pad();
			return form(model, form, rule);
		}
		try {
			this.rules.update(id, form.draft(), form.getVersion());
			redirect.addFlashAttribute("message", "Rule saved.");
			return "redirect:/admin/rules/" + id;
		}
		catch (InvalidInputException | ConflictException ex) {
			reject(result, form, ex);
			form.pad();
			return form(model, form, rule);
		}
		catch (OptimisticLockingFailureException ex) {
			// the form keeps what this admin typed; saving again needs a reload first
			result.reject("changed", "Someone else saved this rule meanwhile: reload it to see their change.");
			response.setStatus(HttpServletResponse.SC_CONFLICT);
			form.pad();
			return form(model, form, rule);
		}
	}

	@PostMapping("/admin/rules/{id}/enabled")
	String enabled(@PathVariable long id, @RequestParam boolean enabled, RedirectAttributes redirect) {
		this.rules.setEnabled(id, enabled);
		redirect.addFlashAttribute("message", enabled ? "Rule enabled." : "Rule disabled.");
		return "redirect:/admin/rules/" + id;
	}

	@PostMapping("/admin/rules/{id}/delete")
	String delete(@PathVariable long id, RedirectAttributes redirect) {
		this.rules.delete(id);
		redirect.addFlashAttribute("message", "Rule deleted.");
		return "redirect:/admin/rules";
	}

	@GetMapping("/admin/rules/{id}")
	String show(@PathVariable long id, @ListPage(size = 25, maxSize = 200) Pageable pageable, Model model,
			HttpServletRequest request) {
		Rule rule = this.rules.get(id);
		Page<RuleRun> runs = this.rules.runs(id, pageable);
		model.addAttribute("rule", rule);
		model.addAttribute("runs", runs);
		model.addAttribute("links", PageLinks.of(runs, ListParams.currentList(request)));
		model.addAttribute("groupName", rule.trigger() == RuleTrigger.GROUP_ADDED && rule.triggerParam() != null
				? this.groups.find(Long.parseLong(rule.triggerParam())).map(g -> g.name()).orElse("(deleted group)")
				: null);
		return "automation/rule";
	}

	@GetMapping("/admin/rules/{id}/runs.csv")
	void csv(@PathVariable long id, HttpServletResponse response) throws java.io.IOException {
		this.rules.get(id);
		Writer out = Csv.download(response, "rule-" + id + "-runs.csv",
				List.of("at", "partner", "trigger", "outcome", "actions", "error"));
		int page = 0;
		while (true) {
			Page<RuleRun> runs = this.rules.runs(id, PageRequest.of(page++, 1000));
			for (RuleRun run : runs) {
				Csv.writeRow(out,
						List.of(run.at().toString(), run.partnerCode() == null ? "" : run.partnerCode(), run.trigger(),
								run.outcome(), run.actionsDone() == null ? "" : run.actionsDone(),
								run.error() == null ? "" : run.error()));
			}
			if (!runs.hasNext()) {
				break;
			}
		}
		out.flush();
	}

	private String form(Model model, RuleForm form, Rule rule) {
		model.addAttribute("ruleForm", form);
		model.addAttribute("rule", rule);
		model.addAttribute("triggers", RuleTrigger.values());
		model.addAttribute("actionTypes", RuleActionType.values());
		model.addAttribute("conditionFields", ConditionRowsForm.fieldChoices(this.rules.fieldNames()));
		model.addAttribute("ops", Op.values());
		model.addAttribute("groups", this.groups.groups());
		// the pickers' choices: what RuleValidation accepts for each trigger and action
		List<String> programNames = this.programs.allPrograms().stream().map(p -> p.name()).sorted().toList();
		List<String> templateKeys = this.mail.templateKeys().stream().sorted().toList();
		List<String> sequenceNames = this.sequences.all().stream().map(s -> s.name()).sorted().toList();
		List<String> tags = this.rules.knownTags();
		List<String> statuses = Arrays.stream(PartnerStatus.values()).map(PartnerStatus::value).toList();
		List<String> rollupNames = this.rollups.fields().stream().map(f -> f.name()).sorted().toList();
		List<String> hours = IntStream.range(0, 24).mapToObj(Integer::toString).toList();
		model.addAttribute("programNames", programNames);
		model.addAttribute("templateKeys", templateKeys);
		model.addAttribute("sequenceNames", sequenceNames);
		model.addAttribute("tags", tags);
		model.addAttribute("statuses", statuses);
		model.addAttribute("rollupNames", rollupNames);
		model.addAttribute("hours", hours);
		// a stored value no longer among the choices (a deleted program, a tag not yet
		// used)
		// stays selectable as it is, so editing does not silently change it
		Set<String> actionChoices = new HashSet<>();
		actionChoices.add(Rules.NEXT_LEVEL);
		actionChoices.addAll(programNames);
		actionChoices.addAll(templateKeys);
		actionChoices.addAll(sequenceNames);
		actionChoices.addAll(tags);
		actionChoices.addAll(statuses);
		model.addAttribute("actionChoices", actionChoices);
		Set<String> triggerChoices = new HashSet<>(rollupNames);
		triggerChoices.addAll(hours);
		this.groups.groups().forEach(g -> triggerChoices.add(Long.toString(g.id())));
		model.addAttribute("triggerChoices", triggerChoices);
		return "automation/rule-form";
	}

	/**
	 * Name errors beside the name; filter errors beside their row too; everything else
	 * above the form.
	 */
	private static void reject(BindingResult result, RuleForm form, RuntimeException ex) {
		String field = ex instanceof InvalidInputException invalid ? invalid.field() : ((ConflictException) ex).field();
		if ("name".equals(field)) {
			result.rejectValue("name", "invalid", ex.getMessage());
		}
		else {
			// once: beside the row it concerns, else above the form
			if (!form.markRow(field, ex.getMessage())) {
				result.reject("invalid", ex.getMessage());
			}
		}
	}

}
