package dev.partnerhub.partners.web;

import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.contacts.ContactGroupFilter;
import dev.partnerhub.contacts.ContactListColumns;
import dev.partnerhub.contacts.ListColumnSelection;
import dev.partnerhub.partners.PartnerAccess;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.CouponService;
import dev.partnerhub.partners.domain.PartnerDirectory;
import dev.partnerhub.partners.domain.PartnerFilter;
import dev.partnerhub.partners.domain.PartnerRow;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.partners.domain.Registration;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import dev.partnerhub.support.web.Csv;
import dev.partnerhub.support.web.ListPage;
import dev.partnerhub.support.web.ListParams;
import dev.partnerhub.support.web.ErrorPages;
import dev.partnerhub.support.web.PageLinks;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The console's partner pages: list with filters and CSV, new partner, partner page,
 * edit, approve/suspend (invitations: {@link PartnerInvitationController}).
 */
@ErrorPages(nav = "partners", back = "/admin/partners", backLabel = "Back to partners",
		notFoundDetail = "That partner or contact does not exist; it may have been removed.")
@Controller
class PartnerController {

	/** Domain field names → fields of the new-partner form. */
	private static final Map<String, String> CREATE_FIELDS = Map.of("code", "code", "parent", "parentCode", "contact",
			"email", "email", "email", "program", "programId", "password", "password", "payoutEmail", "payoutEmail");

	private static final Map<String, String> EDIT_FIELDS = Map.of("code", "code", "parent", "parentCode", "program",
			"programId", "payoutEmail", "payoutEmail");

	private static final List<String> CSV_HEADER = List.of("code", "first_name", "last_name", "email", "program",
			"status", "parent_code", "payout_email", "created_at");

	private final PartnerService partners;

	private final PartnerDirectory directory;

	private final ProgramApi programs;

	private final ContactApi contacts;

	/** Saved groups (the groups module), when present: the list's "group" filter. */
	private final ObjectProvider<ContactGroupFilter> groups;

	/** Rollup fields (the rollups module), when present: the list's extra columns. */
	private final ObjectProvider<ContactListColumns> columns;

	private final CouponService coupons;

	PartnerController(PartnerService partners, PartnerDirectory directory, ProgramApi programs, ContactApi contacts,
			ObjectProvider<ContactGroupFilter> groups, ObjectProvider<ContactListColumns> columns,
			CouponService coupons) {
		this.partners = partners;
		this.coupons = coupons;
		this.directory = directory;
		this.programs = programs;
		this.contacts = contacts;
		this.groups = groups;
		this.columns = columns;
	}

	@ModelAttribute("statuses")
	PartnerStatus[] statuses() {
		return PartnerStatus.values();
	}

	/**
	 * The sort keys are {@link PartnerDirectory}'s columns plus the chosen rollup columns
	 * ({@code rollup:<id>}): {@code sortablePrefixes} lets any {@code rollup:} key past
	 * the resolver, {@link PartnerListRequest#sort(Sort, java.util.function.Predicate)}
	 * keeps it only when it is one of the columns shown.
	 */
	@GetMapping("/admin/partners")
	String list(@ModelAttribute PartnerListParams params,
			@ListPage(size = PartnerListRequest.DEFAULT_SIZE, maxSize = PartnerListRequest.MAX_SIZE,
					sortable = { "code", "name", "email", "program", "status", "createdAt" },
					sortablePrefixes = "rollup:", sort = "createdAt,desc") Pageable asked,
			HttpServletRequest request, Model model) {
		String program = params.program();
		String status = params.status();
		String q = params.q();
		String group = params.group();
		String access = params.access();
		List<String> cols = params.cols();
		String filterBy = params.filterBy();
		String atLeast = params.atLeast();
		String atMost = params.atMost();
		Long programId = PartnerListRequest.idOrNull(program);
		PartnerStatus statusFilter = PartnerListRequest.statusOrNull(status);
		ListColumnSelection extra = ListColumnSelection.of(this.columns.getIfAvailable(), cols, filterBy, atLeast,
				atMost, "p.contact_id");
		PartnerAccess accessFilter = PartnerAccess.ofOrNull(access);
		List<String> problems = new ArrayList<>(extra.problems());
		java.time.LocalDate joinedFrom = ListParams.date("Joined from", params.joinedFrom(), problems);
		java.time.LocalDate joinedTo = ListParams.date("Joined to", params.joinedTo(), problems);
		PartnerFilter filter = PartnerListRequest
			.inGroup(this.groups.getIfAvailable(), PartnerListRequest.filter(programId, statusFilter, q), group, model)
			.withColumns(extra)
			.withAccess(accessFilter)
			.joined(joinedFrom, joinedTo);
		Page<PartnerDirectory.Listed> listed = this.directory.list(filter, PageRequest.of(asked.getPageNumber(),
				asked.getPageSize(), PartnerListRequest.sort(asked.getSort(), extra::sortable)));
		Page<PartnerRow> rows = listed.map(PartnerDirectory.Listed::row);
		model.addAttribute("rows", rows);
		model.addAttribute("values", listed.getContent().stream().map(l -> extra.formatted(l.values())).toList());
		ContactListColumns available = this.columns.getIfAvailable();
		model.addAttribute("columnOptions", available == null ? List.of() : available.columns());
		model.addAttribute("extra", extra);
		if (!problems.isEmpty() && !model.containsAttribute("error")) {
			model.addAttribute("error", String.join(" ", problems));
		}
		model.addAttribute("joinedFrom", joinedFrom);
		model.addAttribute("joinedTo", joinedTo);
		model.addAttribute("links", PageLinks.of(rows, currentList(request)));
		model.addAttribute("programs", this.programs.allPrograms());
		model.addAttribute("selectedProgram", programId);
		model.addAttribute("selectedStatus", statusFilter == null ? "" : statusFilter.value());
		model.addAttribute("q", q == null ? "" : q);
		ContactGroupFilter groupFilter = this.groups.getIfAvailable();
		model.addAttribute("groupOptions", groupFilter == null ? List.of() : groupFilter.groupOptions());
		model.addAttribute("selectedGroup", filter.group() == null ? null : PartnerListRequest.idOrNull(group));
		model.addAttribute("accesses", PartnerAccess.values());
		model.addAttribute("selectedAccess", accessFilter == null ? "" : accessFilter.value());
		model.addAttribute("filterWords", PartnerListRequest.filterWords(this.programs, programId, statusFilter, q,
				filter.group() == null ? null : group, accessFilter, joinedFrom, joinedTo));
		return "partners/list";
	}

	/**
	 * Every partner the list's filters match, in the list's order (not just one page).
	 */
	@GetMapping("/admin/partners.csv")
	void csv(@ModelAttribute PartnerListParams params,
			@ListPage(sortable = { "code", "name", "email", "program", "status", "createdAt" },
					sortablePrefixes = "rollup:", sort = "createdAt,desc") Sort sort,
			HttpServletResponse response) {
		String program = params.program();
		String status = params.status();
		String q = params.q();
		String group = params.group();
		List<String> cols = params.cols();
		String filterBy = params.filterBy();
		String atLeast = params.atLeast();
		String atMost = params.atMost();
		ListColumnSelection extra = ListColumnSelection.of(this.columns.getIfAvailable(), cols, filterBy, atLeast,
				atMost, "p.contact_id");
		PartnerFilter filter = PartnerListRequest
			.inGroup(this.groups.getIfAvailable(),
					PartnerListRequest.filter(PartnerListRequest.idOrNull(program),
							PartnerListRequest.statusOrNull(status), q),
					group, null)
			.withColumns(extra)
			.withAccess(PartnerAccess.ofOrNull(params.access()))
			.joined(ListParams.date("Joined from", params.joinedFrom(), new ArrayList<>()),
					ListParams.date("Joined to", params.joinedTo(), new ArrayList<>()));
		List<String> header = new ArrayList<>(CSV_HEADER);
		extra.columns().forEach(c -> header.add(c.label()));
		Writer out = Csv.download(response, "partners.csv", header);
		this.directory.forEachListed(filter, PartnerListRequest.sort(sort, extra::sortable), listed -> {
			PartnerRow row = listed.row();
			List<Object> cells = new ArrayList<>(List.of(row.code(), row.firstName(), row.lastName(), row.email(),
					row.programName(), row.status().value(), nullToEmpty(row.parentCode()),
					nullToEmpty(row.payoutEmail()), row.createdAt().toString()));
			// no value is an empty cell, not the page's dash
			for (int i = 0; i < extra.columns().size(); i++) {
				BigDecimal value = listed.values().get(i);
				cells.add(value == null ? "" : extra.columns().get(i).format(value));
			}
			Csv.writeRow(out, cells);
		});
	}

	@GetMapping("/admin/partners/new")
	String newPartner(Model model) {
		model.addAttribute("partnerForm", new PartnerForm());
		model.addAttribute("programs", this.programs.allPrograms());
		return "partners/new";
	}

	@PostMapping("/admin/partners/new")
	String create(@Valid PartnerForm form, BindingResult result, Model model, RedirectAttributes redirect) {
		PartnerStatus status = parseStatus(form.getStatus(), result);
		if (!result.hasErrors()) {
			try {
				Long parentId = this.partners.parentIdByCode(form.getParentCode());
				PartnerSummary partner = this.partners.register(new Registration(form.getEmail().strip(),
						form.getFirstName(), form.getLastName(), form.getProgramId(), form.getCode(), status, parentId,
						form.getPayoutEmail(), form.getPassword()));
				redirect.addFlashAttribute("message", "Partner " + partner.code() + " created.");
				return "redirect:/admin/partners/" + partner.id();
			}
			catch (ConflictException | InvalidInputException ex) {
				DomainErrors.reject(result, ex, CREATE_FIELDS);
			}
		}
		model.addAttribute("programs", this.programs.allPrograms());
		return "partners/new";
	}

	@GetMapping("/admin/partners/{id}")
	String show(@PathVariable long id, Model model) {
		PartnerRow partner = row(id);
		model.addAttribute("partner", partner);
		model.addAttribute("parent",
				partner.parentId() == null ? null : this.directory.findOne(partner.parentId()).orElse(null));
		model.addAttribute("children", this.directory.childrenOf(id));
		model.addAttribute("referredCount", this.partners.countReferredContacts(id));
		model.addAttribute("approvedAt", this.partners.get(id).getApprovedAt());
		model.addAttribute("coupons", this.coupons.ofPartner(id));
		// the "Give bonus" form (posted to the commissions module): the program's
		// currency
		// by default, and a fresh bonus id so a double submit gives one bonus
		model.addAttribute("programCurrency",
				this.programs.findProgram(partner.programId()).map(p -> p.currency()).orElse(""));
		if (!model.containsAttribute("bonusId")) {
			model.addAttribute("bonusId", "console:" + java.util.UUID.randomUUID());
		}
		return "partners/show";
	}

	@GetMapping("/admin/partners/{id}/edit")
	String edit(@PathVariable long id, Model model) {
		PartnerRow partner = row(id);
		model.addAttribute("partner", partner);
		model.addAttribute("partnerEditForm",
				PartnerEditForm.of(this.partners.get(id).summary(), partner.parentCode()));
		model.addAttribute("programs", this.programs.allPrograms());
		return "partners/edit";
	}

	@PostMapping("/admin/partners/{id}/edit")
	String update(@PathVariable long id, @Valid PartnerEditForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		PartnerRow partner = row(id);
		PartnerStatus status = parseStatus(form.getStatus(), result);
		if (!result.hasErrors()) {
			try {
				Long parentId = this.partners.parentIdByCode(form.getParentCode());
				PartnerSummary saved = this.partners.update(id, form.getCode(), status, parentId, form.getPayoutEmail(),
						form.getProgramId());
				redirect.addFlashAttribute("message", "Partner " + saved.code() + " saved.");
				return "redirect:/admin/partners/" + id;
			}
			catch (ConflictException | InvalidInputException ex) {
				DomainErrors.reject(result, ex, EDIT_FIELDS);
			}
		}
		model.addAttribute("partner", partner);
		model.addAttribute("programs", this.programs.allPrograms());
		return "partners/edit";
	}

	@PostMapping("/admin/partners/{id}/approve")
	String approve(@PathVariable long id, @RequestParam(required = false) @Nullable Boolean sendInvitation,
			@RequestParam(name = "_sendInvitation", required = false) @Nullable String invitationShown,
			RedirectAttributes redirect) {
		PartnerSummary partner = this.partners.changeStatus(id, PartnerStatus.APPROVED,
				invitationTicked(sendInvitation, invitationShown));
		redirect.addFlashAttribute("message", "Partner " + partner.code() + " approved.");
		return "redirect:/admin/partners/" + id;
	}

	/**
	 * The "Send invitation" checkbox: as ticked when the form showed it
	 * ({@code _sendInvitation} marks that), sent otherwise (a form without it, an older
	 * client).
	 */
	static boolean invitationTicked(@Nullable Boolean sendInvitation, @Nullable String invitationShown) {
		return sendInvitation != null ? sendInvitation : invitationShown == null;
	}

	@PostMapping("/admin/partners/{id}/suspend")
	String suspend(@PathVariable long id, RedirectAttributes redirect) {
		PartnerSummary partner = this.partners.changeStatus(id, PartnerStatus.SUSPENDED);
		redirect.addFlashAttribute("message", "Partner " + partner.code() + " suspended.");
		return "redirect:/admin/partners/" + id;
	}

	private PartnerRow row(long id) {
		return this.directory.findOne(id).orElseThrow(() -> new NotFoundException("No partner " + id));
	}

	private static @Nullable PartnerStatus parseStatus(String status, BindingResult result) {
		if (status == null || status.isBlank()) {
			return null;
		}
		try {
			return PartnerStatus.of(status.strip());
		}
		catch (IllegalArgumentException ex) {
			result.rejectValue("status", "invalid", ex.getMessage());
			return null;
		}
	}

	/**
	 * The list's own URL with its current filters, decoded, so paging and sort links keep
	 * them.
	 */
	private static UriComponentsBuilder currentList(HttpServletRequest request) {
		UriComponentsBuilder builder = UriComponentsBuilder.fromPath(request.getRequestURI());
		request.getParameterMap().forEach((name, values) -> {
			if (!name.startsWith("_")) {
				builder.queryParam(name, (Object[]) values);
			}
		});
		return builder;
	}

	private static String nullToEmpty(String value) {
		return value == null ? "" : value;
	}

}
