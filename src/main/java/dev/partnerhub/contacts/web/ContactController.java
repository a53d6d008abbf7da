package dev.partnerhub.contacts.web;

import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.partnerhub.contacts.ContactGroupFilter;
import dev.partnerhub.contacts.ContactListColumns;
import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.contacts.ListColumnSelection;
import dev.partnerhub.contacts.ReferralResolver;
import dev.partnerhub.contacts.domain.ContactGroupSearch;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.web.Csv;
import dev.partnerhub.support.web.ErrorPages;
import dev.partnerhub.support.web.ListPage;
import dev.partnerhub.support.web.PageLinks;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Console pages for contacts: the searchable list, its CSV export, the details page and
 * the form.
 */
@ErrorPages(nav = "contacts", back = "/admin/contacts", backLabel = "Back to contacts", notFound = "Contact not found",
		notFoundDetail = "There is no such contact; it may have been removed.")
@Controller
class ContactController {

	static final int DEFAULT_PAGE_SIZE = 25;

	static final int MAX_PAGE_SIZE = 200;

	/**
	 * Rows fetched per query while exporting: the export streams, it never holds every
	 * contact in memory.
	 */
	static final int EXPORT_BATCH = 500;

	private static final String FORM = "contacts/form";

	private final ContactService contacts;

	private final ReferralResolver referrals;

	/** Saved groups (the groups module), when present: the list's "group" filter. */
	private final ObjectProvider<ContactGroupFilter> groups;

	private final ContactGroupSearch groupSearch;

	/** Rollup fields (the rollups module), when present: the list's extra columns. */
	private final ObjectProvider<ContactListColumns> columns;

	ContactController(ContactService contacts, ReferralResolver referrals, ObjectProvider<ContactGroupFilter> groups,
			ContactGroupSearch groupSearch, ObjectProvider<ContactListColumns> columns) {
		this.contacts = contacts;
		this.referrals = referrals;
		this.groups = groups;
		this.groupSearch = groupSearch;
		this.columns = columns;
	}

	/**
	 * The sort keys are the fixed columns plus the chosen rollup columns
	 * ({@code rollup:<id>}): {@code sortablePrefixes} lets any {@code rollup:} key past
	 * the resolver, {@link ContactSorting#of} keeps it only when it is one of the columns
	 * shown (the contacts module cannot know the rollups, and the choice is per request).
	 */
	@GetMapping("/admin/contacts")
	String list(@ModelAttribute ContactListParams params,
			@ListPage(size = DEFAULT_PAGE_SIZE, maxSize = MAX_PAGE_SIZE, sortable = { "name", "email", "dateAdded" },
					sortablePrefixes = "rollup:", sort = "dateAdded,desc") Pageable pageable,
			HttpServletRequest httpRequest, Model model) {
		String q = params.query();
		String group = params.group();
		ListColumnSelection extra = ListColumnSelection.of(this.columns.getIfAvailable(), params.cols(),
				params.filterBy(), params.atLeast(), params.atMost(), "c.id");
		ContactSorting sorting = ContactSorting.of(pageable.getSort(), extra::sortable);
		PageRequest request = PageRequest.of(pageable.getPageNumber(), pageable.getPageSize(), sorting.toSort());
		Optional<ContactGroupFilter.Predicate> inGroup = groupPredicate(group, model);
		List<String> problems = new ArrayList<>(extra.problems());
		ReferredFilter referred = ReferredFilter.of(params, problems);
		Optional<ContactGroupFilter.Predicate> members = ReferredFilter.and(inGroup, referred.predicate());
		Page<ContactGroupSearch.Row> contacts = members.isPresent() || extra.active()
				? this.groupSearch.search(q, members.orElse(null), extra, request)
				: this.contacts.search(q, request).map(c -> new ContactGroupSearch.Row(c.summary(), List.of()));
		UriComponentsBuilder base = UriComponentsBuilder.fromPath("/admin/contacts");
		if (!q.isBlank()) {
			base.queryParam("q", q.strip());
		}
		if (inGroup.isPresent()) {
			base.queryParam("group", group.strip());
		}
		extra.addTo(base);
		referred.addTo(base);
		// the links keep a sort that was asked for (even a junk one, as its default)
		if (httpRequest.getParameter("sort") != null) {
			base.queryParam("sort", sorting.param());
		}
		if (request.getPageSize() != DEFAULT_PAGE_SIZE) {
			base.queryParam("size", request.getPageSize());
		}
		ReferrerCodes codes = new ReferrerCodes(this.referrals);
		Map<Long, String> lastReferrers = new HashMap<>();
		Map<Long, List<String>> values = new HashMap<>();
		contacts.forEach(row -> {
			lastReferrers.put(row.contact().id(), codes.of(row.contact().lastReferrerId()));
			values.put(row.contact().id(), extra.formatted(row.values()));
		});
		model.addAttribute("contacts", contacts.map(ContactGroupSearch.Row::contact));
		model.addAttribute("lastReferrers", lastReferrers);
		model.addAttribute("values", values);
		model.addAttribute("links", new PageLinks(contacts, sorting.property(), sorting.directionName(), base));
		model.addAttribute("q", q.strip());
		ContactGroupFilter groupFilter = this.groups.getIfAvailable();
		model.addAttribute("groupOptions", groupFilter == null ? List.of() : groupFilter.groupOptions());
		model.addAttribute("selectedGroup", inGroup.isPresent() ? Long.valueOf(group.strip()) : null);
		ContactListColumns available = this.columns.getIfAvailable();
		model.addAttribute("columnOptions", available == null ? List.of() : available.columns());
		model.addAttribute("extra", extra);
		model.addAttribute("referred", referred);
		if (!problems.isEmpty() && !model.containsAttribute("error")) {
			model.addAttribute("error", String.join(" ", problems));
		}
		return "contacts/list";
	}

	/**
	 * The group's membership predicate; empty without a (known, usable) group — a broken
	 * one is reported.
	 */
	private Optional<ContactGroupFilter.Predicate> groupPredicate(String group, Model model) {
		ContactGroupFilter groupFilter = this.groups.getIfAvailable();
		if (groupFilter == null || group == null || !group.strip().matches("\\d{1,18}")) {
			return Optional.empty();
		}
		try {
			return groupFilter.membersOf(Long.parseLong(group.strip()), "c.id");
		}
		catch (InvalidInputException ex) {
			if (model != null) {
				model.addAttribute("error", "The group cannot be used as a filter: " + ex.getMessage());
			}
			return Optional.empty();
		}
	}

	/**
	 * Every contact the search matches, in the list's order, fetched and written a batch
	 * at a time.
	 */
	@GetMapping("/admin/contacts.csv")
	void export(@ModelAttribute ContactListParams params, @ListPage(sortable = { "name", "email", "dateAdded" },
			sortablePrefixes = "rollup:", sort = "dateAdded,desc") Sort sort, HttpServletResponse response) {
		String q = params.query();
		String group = params.group();
		ListColumnSelection extra = ListColumnSelection.of(this.columns.getIfAvailable(), params.cols(),
				params.filterBy(), params.atLeast(), params.atMost(), "c.id");
		ContactSorting sorting = ContactSorting.of(sort, extra::sortable);
		ReferrerCodes codes = new ReferrerCodes(this.referrals);
		List<String> header = new ArrayList<>(List.of("id", "email", "first name", "last name", "date added",
				"first referrer code", "first referred at", "last referrer code", "last referred at"));
		extra.columns().forEach(c -> header.add(c.label()));
		Writer out = Csv.download(response, "contacts.csv", header);
		Optional<ContactGroupFilter.Predicate> inGroup = ReferredFilter.and(groupPredicate(group, null),
				ReferredFilter.of(params, new ArrayList<>()).predicate());
		if (inGroup.isPresent() || extra.active()) {
			this.groupSearch.forEach(q, inGroup.orElse(null), extra, sorting.toSort(), row -> {
				ContactSummary c = row.contact();
				List<Object> cells = new ArrayList<>(Arrays.asList(c.id(), c.email(), c.firstName(), c.lastName(),
						c.dateAdded(), codes.of(c.firstReferrerId()), c.firstReferredAt(), codes.of(c.lastReferrerId()),
						c.lastReferredAt()));
				// no value is an empty cell, not the page's dash
				for (int i = 0; i < extra.columns().size(); i++) {
					cells.add(row.values().get(i) == null ? "" : extra.columns().get(i).format(row.values().get(i)));
				}
				Csv.writeRow(out, cells);
			});
			return;
		}
		Slice<ContactSummary> slice = this.contacts.searchSlice(q, PageRequest.of(0, EXPORT_BATCH, sorting.toSort()));
		while (true) {
			for (ContactSummary c : slice) {
				Csv.writeRow(out,
						Arrays.asList(c.id(), c.email(), c.firstName(), c.lastName(), c.dateAdded(),
								codes.of(c.firstReferrerId()), c.firstReferredAt(), codes.of(c.lastReferrerId()),
								c.lastReferredAt()));
			}
			if (!slice.hasNext()) {
				break;
			}
			slice = this.contacts.searchSlice(q, slice.nextPageable());
		}
	}

	@GetMapping("/admin/contacts/new")
	String createForm(Model model) {
		model.addAttribute("contactForm", new ContactForm());
		return FORM;
	}

	@PostMapping("/admin/contacts/new")
	String create(@Valid @ModelAttribute ContactForm contactForm, BindingResult result, RedirectAttributes redirect) {
		if (result.hasErrors()) {
			return FORM;
		}
		try {
			ContactSummary contact = this.contacts.create(contactForm.getEmail(), contactForm.getFirstName(),
					contactForm.getLastName());
			redirect.addFlashAttribute("message", "Contact " + contact.email() + " added.");
			return "redirect:/admin/contacts/" + contact.id();
		}
		catch (ConflictException ex) {
			reject(result, ex.field(), ex.getMessage());
			return FORM;
		}
	}

	@GetMapping("/admin/contacts/{id}")
	String show(@PathVariable long id, Model model) {
		ContactSummary contact = this.contacts.get(id).summary();
		ReferrerCodes codes = new ReferrerCodes(this.referrals);
		model.addAttribute("contact", contact);
		model.addAttribute("firstReferrer", codes.of(contact.firstReferrerId()));
		model.addAttribute("lastReferrer", codes.of(contact.lastReferrerId()));
		return "contacts/details";
	}

	@GetMapping("/admin/contacts/{id}/edit")
	String editForm(@PathVariable long id, Model model) {
		ContactSummary contact = this.contacts.get(id).summary();
		model.addAttribute("contact", contact);
		model.addAttribute("contactForm", ContactForm.of(contact));
		return FORM;
	}

	@PostMapping("/admin/contacts/{id}/edit")
	String update(@PathVariable long id, @Valid @ModelAttribute ContactForm contactForm, BindingResult result,
			Model model, RedirectAttributes redirect) {
		// Loaded first so an unknown id is a 404 even when the form is invalid.
		model.addAttribute("contact", this.contacts.get(id).summary());
		if (result.hasErrors()) {
			return FORM;
		}
		try {
			this.contacts.update(id, contactForm.getEmail(), contactForm.getFirstName(), contactForm.getLastName());
			redirect.addFlashAttribute("message", "Contact saved.");
			return "redirect:/admin/contacts/" + id;
		}
		catch (ConflictException ex) {
			reject(result, ex.field(), ex.getMessage());
			return FORM;
		}
		catch (InvalidInputException ex) {
			reject(result, ex.field(), ex.getMessage());
			return FORM;
		}
	}

	/**
	 * The page asked for, within bounds: size 1 to {@value #MAX_PAGE_SIZE} (default
	 * {@value #DEFAULT_PAGE_SIZE}), and a page number whose offset still fits the query's
	 * int offset (a huge one is simply past the end, not a 500).
	 */
	static PageRequest pageRequest(int page, int size, Sort sort) {
		int pageSize = size < 1 ? DEFAULT_PAGE_SIZE : Math.min(size, MAX_PAGE_SIZE);
		int pageNumber = Math.min(Math.max(page, 0), Integer.MAX_VALUE / pageSize - 1);
		return PageRequest.of(pageNumber, pageSize, sort);
	}

	/**
	 * Shows a domain error beside its field when the form has that field, above the form
	 * otherwise.
	 */
	private static void reject(BindingResult result, String field, String message) {
		if (field != null && List.of("email", "firstName", "lastName").contains(field)) {
			result.rejectValue(field, "conflict", message);
		}
		else {
			result.reject("conflict", message);
		}
	}

}
