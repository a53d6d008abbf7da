package dev.partnerhub.orders.web;

import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.partnerhub.commissions.CommissionApi;
import dev.partnerhub.commissions.CommissionDetail;
import dev.partnerhub.orders.domain.Order;
import dev.partnerhub.orders.domain.OrderQueries;
import dev.partnerhub.orders.domain.OrderQueries.Filter;
import dev.partnerhub.orders.domain.OrderPayments;
import dev.partnerhub.orders.domain.OrderService;
import dev.partnerhub.support.NotFoundException;
import dev.partnerhub.support.web.Csv;
import dev.partnerhub.support.web.ErrorPages;
import dev.partnerhub.support.web.ListPage;
import dev.partnerhub.support.web.ListParams;
import dev.partnerhub.support.web.PageLinks;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The console's orders: list with filters and CSV, and an order's page with its items,
 * charges, refunds and what its commissions became. Query parameters are read
 * forgivingly: a bad value is dropped with a message, never an error.
 */
@ErrorPages(nav = "orders", back = "/admin/orders", backLabel = "Back to orders", notFound = "Order not found",
		notFoundDetail = "There is no order with this id. Check the id, or search for it in the list.")
@Controller
class OrderConsoleController {

	static final List<String> STATUSES = List.of("unpaid", "open", "completed", "closed");

	static final int DEFAULT_SIZE = 25;

	static final int MAX_SIZE = 100;

	/** Keeps offsets far below what a long or the database could overflow on. */

	private static final List<String> CSV_HEADER = List.of("order_id", "occurred_at", "contact_email", "currency",
			"total", "charged", "refunded", "status", "recurring", "partner_code");

	private final OrderQueries queries;

	private final OrderService orders;

	private final OrderPayments payments;

	private final CommissionApi commissions;

	OrderConsoleController(OrderQueries queries, OrderService orders, OrderPayments payments,
			CommissionApi commissions) {
		this.queries = queries;
		this.orders = orders;
		this.payments = payments;
		this.commissions = commissions;
	}

	@GetMapping("/admin/orders")
	String list(
			@ModelAttribute OrderListParams params, @ListPage(size = DEFAULT_SIZE, maxSize = MAX_SIZE,
					sortable = { "date", "total", "status" }, sort = "date,desc") Pageable pageable,
			HttpServletRequest request, Model model) {
		List<String> problems = new ArrayList<>();
		Filter filter = filter(params, problems);
		Page<OrderQueries.Row> rows = this.queries.find(filter, pageable);
		model.addAttribute("rows", rows);
		model.addAttribute("links", PageLinks.of(rows, ListParams.currentList(request)));
		model.addAttribute("statuses", STATUSES);
		model.addAttribute("filter", filter);
		model.addAttribute("problems", problems);
		return "orders/list";
	}

	/** Every order the list's filters match, in the list's order (not just one page). */
	@GetMapping("/admin/orders.csv")
	void csv(@ModelAttribute OrderListParams params,
			@ListPage(sortable = { "date", "total", "status" }, sort = "date,desc") Sort sort,
			HttpServletResponse response) {
		Filter filter = filter(params, new ArrayList<>());
		Writer out = Csv.download(response, "orders.csv", CSV_HEADER);
		this.queries.forEach(filter, sort,
				row -> Csv.writeRow(out,
						List.of(row.orderId(), row.occurredAt().toString(), row.email(), row.currency(), row.total(),
								row.charged(), row.refunded(), row.status(), row.recurring(),
								row.partnerCode() == null ? "" : row.partnerCode())));
	}

	@GetMapping("/admin/orders/{orderId}")
	String show(@PathVariable String orderId, Model model) {
		OrderQueries.Row row = this.queries.findOne(orderId)
			.orElseThrow(() -> new NotFoundException("No order " + orderId));
		Order order = this.orders.details(orderId).order();
		List<CommissionDetail> all = this.commissions.detailsOfOrder(order.id());
		model.addAttribute("row", row);
		model.addAttribute("order", order);
		model.addAttribute("commissions", all.stream().filter(c -> !c.clawback()).toList());
		model.addAttribute("clawbacks", all.stream().filter(CommissionDetail::clawback).toList());
		model.addAttribute("adjustments", this.commissions.adjustmentsOfOrder(order.id()));
		return "orders/show";
	}

	/**
	 * "Mark paid" on an unpaid order's page (orders from the public order form): the
	 * order becomes completed and earns its commissions now. Idempotent: a second click
	 * (or a concurrent one) changes nothing and says so.
	 */
	@PostMapping("/admin/orders/{orderId}/paid")
	String markPaid(@PathVariable String orderId, RedirectAttributes redirect) {
		OrderPayments.Paid paid = this.payments.markPaid(orderId);
		redirect.addFlashAttribute("message", paid.changed()
				? "Payment confirmed: order " + paid.orderId() + " is paid and earned " + paid.commissions().size()
						+ (paid.commissions().size() == 1 ? " commission." : " commissions.")
				: "Order " + paid.orderId() + " was already paid; nothing changed.");
		return "redirect:" + UriComponentsBuilder.fromPath("/admin/orders/{orderId}")
			.buildAndExpand(paid.orderId())
			.encode()
			.toUriString();
	}

	/**
	 * The filter without the values that make no sense; each dropped value leaves a
	 * message for the page.
	 */
	static Filter filter(OrderListParams params, List<String> problems) {
		String status = ListParams.trimmed(params.status(), 20);
		if (status != null) {
			status = status.toLowerCase(Locale.ROOT);
			if (!STATUSES.contains(status)) {
				problems.add("Status filter ignored: status must be unpaid, open, completed or closed.");
				status = null;
			}
		}
		boolean referred = ListParams.yes("Referred", params.referred(), problems);
		boolean first = ListParams.yes("First-purchase", params.first(), problems);
		Long program = ListParams.program(params.program(), problems);
		return new Filter(status, ListParams.trimmed(params.partner(), 100),
				ListParams.date("From", params.from(), problems), ListParams.date("To", params.to(), problems),
				ListParams.trimmed(params.q(), 200), referred || program != null, program, first);
	}

}
