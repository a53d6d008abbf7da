package dev.partnerhub.commissions.web;

import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.partnerhub.commissions.CommissionStatus;
import dev.partnerhub.commissions.domain.CommissionQueries;
import dev.partnerhub.commissions.domain.CommissionQueries.Filter;
import dev.partnerhub.commissions.domain.CommissionQueries.StatusTotal;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.support.web.Csv;
import dev.partnerhub.support.web.ListPage;
import dev.partnerhub.support.web.ListParams;
import dev.partnerhub.support.web.PageLinks;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The console's commission list: filters, totals per status over the whole filter, CSV of
 * every matching row. Query parameters are read forgivingly: a bad value is dropped with
 * a message, never an error page.
 */
@Controller
class CommissionConsoleController {

	static final int DEFAULT_SIZE = 25;

	static final int MAX_SIZE = 100;

	/** Keeps offsets far below what a long or the database could overflow on. */

	private static final List<String> CSV_HEADER = List.of("id", "transaction_date", "partner_code", "program",
			"order_id", "contact_email", "sku", "tier", "amount", "currency", "status", "clawback_of", "reason",
			"approved_at", "paid_at", "kind");

	private final CommissionQueries queries;

	private final ProgramApi programs;

	CommissionConsoleController(CommissionQueries queries, ProgramApi programs) {
		this.queries = queries;
		this.programs = programs;
	}

	@GetMapping("/admin/commissions")
	String list(
			@ModelAttribute CommissionListParams params, @ListPage(size = DEFAULT_SIZE, maxSize = MAX_SIZE,
					sortable = { "date", "amount", "partner", "status" }, sort = "date,desc") Pageable pageable,
			HttpServletRequest request, Model model) {
		List<String> problems = new ArrayList<>();
		Filter filter = filter(params, problems);
		CommissionQueries.Listing listing = this.queries.find(filter, pageable);
		List<StatusCard> cards = cards(listing.totals());
		List<ProgramSummary> programs = this.programs.allPrograms();
		model.addAttribute("rows", listing.rows());
		model.addAttribute("totals", cards);
		model.addAttribute("links", PageLinks.of(listing.rows(), ListParams.currentList(request)));
		model.addAttribute("programs", programs);
		model.addAttribute("filterWords", describe(filter, programs));
		model.addAttribute("zeroCurrencies", zeroCurrencies(cards, filter, programs));
		// a row's approve/decline returns to this very list (filter, sort, page)
		Map<String, String> listParams = new LinkedHashMap<>();
		for (String key : List.of("partner", "program", "sku", "status", "from", "to", "sort", "page", "size")) {
			String value = ListParams.trimmed(request.getParameter(key), 100);
			if (value != null) {
				listParams.put(key, value);
			}
		}
		model.addAttribute("listParams", listParams);
		model.addAttribute("pendingMatching",
				cards.stream()
					.filter(card -> CommissionStatus.PENDING.value().equals(card.status()))
					.mapToLong(StatusCard::count)
					.sum());
		model.addAttribute("statuses", CommissionStatus.values());
		model.addAttribute("filter", filter);
		model.addAttribute("problems", problems);
		return "commissions/list";
	}

	/**
	 * Every commission the list's filters match, in the list's order (not just one page).
	 */
	@GetMapping("/admin/commissions.csv")
	void csv(@ModelAttribute CommissionListParams params,
			@ListPage(sortable = { "date", "amount", "partner", "status" }, sort = "date,desc") Sort sort,
			HttpServletResponse response) {
		Filter filter = filter(params, new ArrayList<>());
		Writer out = Csv.download(response, "commissions.csv", CSV_HEADER);
		this.queries.forEach(filter, sort,
				row -> Csv.writeRow(out,
						Arrays.asList(row.id(), text(row.transactionDate()), row.partnerCode(), row.programName(),
								row.orderId(), row.contactEmail(), row.sku(), row.tier(), row.amount(), row.currency(),
								row.status(), row.clawbackOf() == null ? "" : row.clawbackOf(), row.reason(),
								text(row.approvedAt()), text(row.paidAt()), row.kind())));
	}

	/** One card per status (in lifecycle order) with its count and a sum per currency. */
	static List<StatusCard> cards(List<StatusTotal> totals) {
		Map<String, StatusCard> cards = new LinkedHashMap<>();
		for (CommissionStatus status : CommissionStatus.values()) {
			cards.put(status.value(), new StatusCard(status.value(), 0, new ArrayList<>()));
		}
		for (StatusTotal total : totals) {
			StatusCard card = cards.get(total.status());
			if (card != null) {
				card.sums().add(new Sum(total.currency(), total.amount()));
				cards.put(total.status(), new StatusCard(card.status(), card.count() + total.count(), card.sums()));
			}
		}
		return List.copyOf(cards.values());
	}

	/**
	 * The filter in words for the bulk form and its confirmation ("program Partners Pro,
	 * status pending"), or "no filter" when the list shows every commission.
	 */
	static String describe(Filter filter, List<ProgramSummary> programs) {
		List<String> parts = new ArrayList<>();
		if (filter.program() != null) {
			parts.add("program " + programs.stream()
				.filter(p -> p.id() == filter.program())
				.map(ProgramSummary::name)
				.findFirst()
				.orElse("#" + filter.program() + " (unknown)"));
		}
		if (filter.partner() != null) {
			parts.add("partner " + filter.partner());
		}
		if (filter.sku() != null) {
			parts.add("product " + filter.sku());
		}
		if (filter.status() != null) {
			parts.add("status " + filter.status());
		}
		if (filter.from() != null) {
			parts.add("from " + filter.from());
		}
		if (filter.to() != null) {
			parts.add("to " + filter.to());
		}
		return parts.isEmpty() ? "no filter" : String.join(", ", parts);
	}

	/**
	 * The currencies an empty status card shows "0.00" in: the filtered program's, else
	 * those of the other cards, else those of all programs (a zero without a currency
	 * reads like a bug when several are in use).
	 */
	static List<String> zeroCurrencies(List<StatusCard> cards, Filter filter, List<ProgramSummary> programs) {
		if (filter.program() != null) {
			List<String> own = programs.stream()
				.filter(p -> p.id() == filter.program())
				.map(ProgramSummary::currency)
				.toList();
			if (!own.isEmpty()) {
				return own;
			}
		}
		java.util.SortedSet<String> seen = new java.util.TreeSet<>();
		cards.forEach(card -> card.sums().forEach(sum -> seen.add(sum.currency())));
		if (seen.isEmpty()) {
			programs.forEach(p -> seen.add(p.currency()));
		}
		return seen.isEmpty() ? List.of("") : List.copyOf(seen);
	}

	record StatusCard(String status, long count, List<Sum> sums) {
	}

	record Sum(String currency, BigDecimal amount) {
	}

	/**
	 * The filter without the values that make no sense; each dropped value leaves a
	 * message for the page.
	 */
	static Filter filter(CommissionListParams params, List<String> problems) {
		String status = ListParams.trimmed(params.status(), 20);
		if (status != null) {
			try {
				status = CommissionStatus.of(status).value();
			}
			catch (IllegalArgumentException ex) {
				problems.add("Status filter ignored: " + ex.getMessage());
				status = null;
			}
		}
		String from = isoDate(ListParams.date("From", params.from(), problems));
		String to = isoDate(ListParams.date("To", params.to(), problems));
		Long program = null;
		String programParam = ListParams.trimmed(params.program(), 20);
		if (programParam != null) {
			try {
				program = Long.valueOf(programParam);
			}
			catch (NumberFormatException ex) {
				problems.add("Unknown program '" + programParam + "' ignored.");
			}
		}
		return new Filter(ListParams.trimmed(params.partner(), 100), status, ListParams.trimmed(params.sku(), 100),
				from, to, program);
	}

	private static String text(Instant instant) {
		return instant == null ? "" : instant.toString();
	}

	private static String isoDate(LocalDate date) {
		return date == null ? null : date.toString();
	}

}
