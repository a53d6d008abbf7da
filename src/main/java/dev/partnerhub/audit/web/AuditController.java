package dev.partnerhub.audit.web;

import java.io.Writer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.partnerhub.audit.domain.AuditQueries;
import dev.partnerhub.audit.domain.AuditQueries.Filter;
import dev.partnerhub.audit.domain.AuditQueries.Row;
import dev.partnerhub.support.web.Csv;
import dev.partnerhub.support.web.ListPage;
import dev.partnerhub.support.web.ListParams;
import dev.partnerhub.support.web.PageLinks;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The console's audit log: newest first, filters, CSV of every match. Read-only by
 * design: there is no form that changes an entry (and the database refuses updates and
 * deletes). Bad filter values are dropped with a message.
 */
@Controller
class AuditController {

	static final int DEFAULT_SIZE = 50;

	static final int MAX_SIZE = 200;

	private static final List<String> CSV_HEADER = List.of("id", "occurred_at", "actor", "action", "subject_type",
			"subject_id", "before", "after", "detail", "actor_name", "actor_role");

	private final AuditQueries queries;

	AuditController(AuditQueries queries) {
		this.queries = queries;
	}

	@GetMapping("/admin/audit")
	String list(@ModelAttribute AuditListParams params,
			@ListPage(size = DEFAULT_SIZE, maxSize = MAX_SIZE) Pageable pageable, HttpServletRequest request,
			Model model) {
		List<String> problems = new ArrayList<>();
		Filter filter = filter(params, problems);
		// The log is always newest first; the sort parameter is not offered.
		Page<Row> rows = this.queries.find(filter, pageable);
		model.addAttribute("rows", rows);
		model.addAttribute("links", PageLinks.of(rows, ListParams.currentList(request)));
		model.addAttribute("filter", filter);
		model.addAttribute("problems", problems);
		model.addAttribute("actions", this.queries.actions());
		List<String> subjectTypes = new ArrayList<>(this.queries.subjectTypes());
		if (filter.subjectType() != null && !subjectTypes.contains(filter.subjectType())) {
			subjectTypes.add(filter.subjectType()); // keep a typed-in type selected when
													// the form is sent again
		}
		model.addAttribute("subjectTypes", subjectTypes);
		model.addAttribute("subjects", new SubjectLinks());
		return "audit/list";
	}

	/** Every entry the page's filters match (not just one page), newest first. */
	@GetMapping("/admin/audit.csv")
	void csv(@ModelAttribute AuditListParams params, HttpServletResponse response) {
		Filter filter = filter(params, new ArrayList<>());
		Writer out = Csv.download(response, "audit.csv", CSV_HEADER);
		this.queries.forEach(filter,
				row -> Csv.writeRow(out,
						List.of(row.id(), row.occurredAt().toString(), row.actor(), row.action(), row.subjectType(),
								nonNull(row.subjectId()), nonNull(row.before()), nonNull(row.after()),
								nonNull(row.detail()), nonNull(row.actorName()), nonNull(row.actorRoleLabel()))));
	}

	/**
	 * The filter without the values that make no sense; each dropped value leaves a
	 * message for the page.
	 */
	static Filter filter(AuditListParams params, List<String> problems) {
		String action = ListParams.trimmed(params.action(), 60);
		String subjectType = ListParams.trimmed(params.subjectType(), 40);
		LocalDate from = date("From", params.from(), problems);
		LocalDate to = date("To", params.to(), problems);
		if (from != null && to != null && from.isAfter(to)) {
			problems.add("The From date is after the To date; the two were swapped.");
			LocalDate swap = from;
			from = to;
			to = swap;
		}
		return new Filter(ListParams.trimmed(params.actor(), 254),
				action == null ? null : action.toLowerCase(Locale.ROOT),
				subjectType == null ? null : subjectType.toLowerCase(Locale.ROOT),
				ListParams.trimmed(params.subjectId(), 100), from, to);
	}

	private static @Nullable LocalDate date(String label, String value, List<String> problems) {
		LocalDate date = ListParams.date(label, value, problems);
		// the database's timestamp range is wide, but a year outside this is always a
		// typo
		if (date != null && (date.getYear() < 1900 || date.getYear() > 9999)) {
			problems
				.add("'" + ListParams.trimmed(value, 40) + "' is out of range; the " + label + " filter was ignored.");
			return null;
		}
		return date;
	}

	private static String nonNull(String value) {
		return value == null ? "" : value;
	}

	/**
	 * Where a subject lives in the console, for the types that have a page; null
	 * otherwise.
	 */
	static final class SubjectLinks {

		private static final Map<String, String> PAGES = Map.of("partner", "/admin/partners/{id}", "program",
				"/admin/programs/{id}", "order", "/admin/orders/{id}", "contact", "/admin/contacts/{id}");

		public @Nullable String href(Row row) {
			String template = PAGES.get(row.subjectType());
			if (template == null || row.subjectId() == null || row.subjectId().isBlank()) {
				return null;
			}
			// numeric ids only where the page takes a number; an order is addressed by
			// its external id
			if (!"order".equals(row.subjectType()) && !row.subjectId().matches("\\d{1,18}")) {
				return null;
			}
			// encode() first: the id is encoded as a variable, so a '/' or '?' in an
			// order id stays inside the segment
			return UriComponentsBuilder.fromPath(template).encode().buildAndExpand(row.subjectId()).toUriString();
		}

	}

}
