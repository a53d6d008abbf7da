package dev.partnerhub.groups.web;

import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.partnerhub.filters.ConditionRowsForm;
import dev.partnerhub.filters.Filter;
import dev.partnerhub.filters.Op;
import dev.partnerhub.groups.GroupMember;
import dev.partnerhub.groups.GroupSummary;
import dev.partnerhub.groups.MembersPage;
import dev.partnerhub.groups.domain.GroupService;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import dev.partnerhub.support.web.Csv;
import dev.partnerhub.support.web.ErrorPages;
import dev.partnerhub.support.web.ListPage;
import dev.partnerhub.support.web.PageLinks;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.propertyeditors.StringTrimmerEditor;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Console: groups list, create/edit with the condition builder and "preview count", the
 * members page (paginated, sortable, CSV) with links that use the group as a filter on
 * the contact and partner lists, delete.
 */
@ErrorPages(nav = "groups", back = "/admin/groups", backLabel = "Back to groups", notFound = "Group not found",
		notFoundDetail = "There is no such group; it may have been deleted.")
@Controller
class GroupConsoleController {

	static final int PAGE_SIZE = 25;

	private final GroupService groups;

	GroupConsoleController(GroupService groups) {
		this.groups = groups;
	}

	@InitBinder("groupForm")
	void binder(WebDataBinder binder) {
		binder.setAutoGrowCollectionLimit(60);
		binder.registerCustomEditor(String.class, new StringTrimmerEditor(true));
	}

	@GetMapping("/admin/groups")
	String list(Model model) {
		List<GroupSummary> all = this.groups.groups();
		Map<Long, String> counts = new LinkedHashMap<>();
		for (GroupSummary group : all) {
			try {
				counts.put(group.id(), String.valueOf(this.groups.count(group.filter())));
			}
			catch (InvalidInputException ex) {
				// e.g. a rollup field it names was deleted: the group page explains.
				counts.put(group.id(), "—");
			}
		}
		model.addAttribute("groups", all);
		model.addAttribute("counts", counts);
		return "groups/list";
	}

	@GetMapping("/admin/groups/new")
	String createForm(Model model) {
		model.addAttribute("groupForm", GroupForm.empty());
		return form(model, null);
	}

	@PostMapping("/admin/groups/new")
	String create(@ModelAttribute GroupForm groupForm, BindingResult result,
			@RequestParam(defaultValue = "save") String action, Model model, RedirectAttributes redirect) {
		return submit(null, groupForm, result, action, model, redirect, null);
	}

	@GetMapping("/admin/groups/{id}")
	String show(
			@PathVariable long id, @ListPage(size = PAGE_SIZE, sizeParameter = false,
					sortable = { "id", "email", "name", "dateAdded" }, sort = "name") Pageable pageable,
			HttpServletRequest request, Model model) {
		GroupSummary group = this.groups.get(id);
		Sort.Order first = pageable.getSort().iterator().next();
		model.addAttribute("group", group);
		try {
			MembersPage members = this.groups.members(id, pageable.getPageNumber(), pageable.getPageSize(),
					first.getProperty(), first.isAscending());
			PageImpl<GroupMember> rows = new PageImpl<>(members.items(), pageable, members.total());
			model.addAttribute("members", rows);
			model.addAttribute("links", PageLinks.of(rows, current(request)));
		}
		catch (InvalidInputException ex) {
			model.addAttribute("error",
					"This group's filter no longer works: " + ex.getMessage() + ". Edit the group to fix it.");
		}
		return "groups/show";
	}

	@GetMapping("/admin/groups/{id}/members.csv")
	void csv(@PathVariable long id,
			@ListPage(sortable = { "id", "email", "name", "dateAdded" }, sort = "name") Sort sort,
			HttpServletResponse response) {
		GroupSummary group = this.groups.get(id);
		Sort.Order first = sort.iterator().next();
		Writer out = Csv.download(response, "group-" + group.id() + "-members.csv",
				List.of("contact id", "email", "first name", "last name", "date added"));
		this.groups.forEachMember(id, first.getProperty(), first.isAscending(), m -> Csv.writeRow(out,
				List.of(m.contactId(), m.email(), m.firstName(), m.lastName(), m.dateAdded().toString())));
	}

	@GetMapping("/admin/groups/{id}/edit")
	String editForm(@PathVariable long id, Model model) {
		GroupSummary group = this.groups.get(id);
		model.addAttribute("groupForm", GroupForm.of(group.name(), group.filter(), group.version()));
		return form(model, group);
	}

	@PostMapping("/admin/groups/{id}/edit")
	String update(@PathVariable long id, @ModelAttribute GroupForm groupForm, BindingResult result,
			@RequestParam(defaultValue = "save") String action, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		return submit(this.groups.get(id), groupForm, result, action, model, redirect, response);
	}

	@PostMapping("/admin/groups/{id}/delete")
	String delete(@PathVariable long id, RedirectAttributes redirect) {
		GroupSummary group = this.groups.get(id);
		this.groups.delete(id);
		redirect.addFlashAttribute("message", "Group " + group.name() + " deleted.");
		return "redirect:/admin/groups";
	}

	/**
	 * The builder's add/remove buttons redraw the form; preview counts the members the
	 * filter has now; save creates or updates the group. A filter error is shown beside
	 * its row and above the form.
	 */
	private String submit(GroupSummary existing, GroupForm form, BindingResult result, String action, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		if (form.edit(action)) {
			return form(model, existing);
		}
		try {
			Filter filter = form.filter();
			if (filter == null) {
				filter = Filter.none();
			}
			if ("preview".equals(action)) {
				this.groups.checkFilter(filter);
				model.addAttribute("preview", this.groups.count(filter));
			}
			else {
				GroupSummary saved = existing == null ? this.groups.create(form.getName(), filter)
						: this.groups.update(existing.id(), form.getName(), filter, form.getVersion());
				redirect.addFlashAttribute("message", "Group " + saved.name() + " saved.");
				return "redirect:/admin/groups/" + saved.id();
			}
		}
		catch (InvalidInputException | ConflictException ex) {
			String field = ex instanceof InvalidInputException invalid ? invalid.field()
					: ((ConflictException) ex).field();
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
		catch (OptimisticLockingFailureException ex) {
			// the form keeps what this admin typed; saving again needs a reload first
			result.reject("changed", "Someone else saved this group meanwhile: reload it to see their change.");
			response.setStatus(HttpServletResponse.SC_CONFLICT);
		}
		return form(model, existing);
	}

	private String form(Model model, GroupSummary group) {
		model.addAttribute("group", group);
		model.addAttribute("conditionFields", ConditionRowsForm.fieldChoices(this.groups.fieldNames()));
		model.addAttribute("ops", Op.values());
		return "groups/form";
	}

	private static UriComponentsBuilder current(HttpServletRequest request) {
		UriComponentsBuilder builder = UriComponentsBuilder.fromPath(request.getRequestURI());
		request.getParameterMap().forEach((name, values) -> {
			if (!name.startsWith("_")) {
				builder.queryParam(name, (Object[]) values);
			}
		});
		return builder;
	}

}
