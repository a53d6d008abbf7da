package dev.partnerhub.partnercenter.web;

import java.io.Writer;
import java.math.BigDecimal;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.partnerhub.commissions.CommissionApi;
import dev.partnerhub.commissions.CommissionStatus;
import dev.partnerhub.commissions.EarningsTotal;
import dev.partnerhub.partnercenter.domain.CommissionFilter;
import dev.partnerhub.partnercenter.domain.PartnerCenterQueries;
import dev.partnerhub.partnercenter.domain.PartnerCenterQueries.CommissionRow;
import dev.partnerhub.partnercenter.domain.PartnerCenterQueries.Me;
import dev.partnerhub.partnercenter.domain.PartnerCenterQueries.ProductOption;
import dev.partnerhub.partnercenter.domain.PartnerLists;
import dev.partnerhub.rollups.RollupApi;
import dev.partnerhub.support.NotFoundException;
import dev.partnerhub.support.web.Csv;
import dev.partnerhub.support.web.ErrorPages;
import dev.partnerhub.support.web.ListParams;
import dev.partnerhub.support.web.PageLinks;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The partner's lists: referred contacts, commissions (pending, history, one product,
 * open orders), earnings (commissions, refunds, payments) and his tier-2 partners. Every
 * list pages, sorts and exports CSV; every id in a URL is looked up together with his
 * partner id, so another partner's id is a 404.
 */
@ErrorPages(nav = "", back = "/partner", backLabel = "Back to your dashboard",
		notFoundDetail = "There is nothing here.")
@Controller
class PartnerListsController {

	static final int PAGE_SIZE = 20;

	static final int MAX_PAGE_SIZE = 100;

	static final int PRODUCT_DAYS = 30;

	private final CurrentPartner current;

	private final PartnerCenterQueries queries;

	private final PartnerLists lists;

	private final CommissionApi commissions;

	private final Clock clock;

	private final RollupApi rollups;

	PartnerListsController(CurrentPartner current, PartnerCenterQueries queries, PartnerLists lists,
			CommissionApi commissions, RollupApi rollups, Clock clock) {
		this.rollups = rollups;
		this.current = current;
		this.queries = queries;
		this.lists = lists;
		this.commissions = commissions;
		this.clock = clock;
	}

	// ---- referred contacts

	@GetMapping("/partner/referrals")
	String referrals(Principal principal, @RequestParam(required = false) @Nullable String by,
			@RequestParam(required = false) @Nullable String page,
			@RequestParam(required = false) @Nullable String size,
			@RequestParam(required = false) @Nullable String sort, HttpServletRequest request, Model model) {
		Me me = this.current.require(principal);
		boolean first = "first".equals(by);
		Page<PartnerCenterQueries.Referral> rows = this.lists.referrals(me.partnerId(), first,
				pageable(page, size, sort, PartnerLists.CONTACT_SORTS));
		model.addAttribute("me", me);
		model.addAttribute("by", first ? "first" : "last");
		model.addAttribute("rows", rows);
		model.addAttribute("links", links(rows, request, "date"));
		return "partnercenter/referrals";
	}

	/**
	 * The list as CSV: the same contacts, order and masked e-mails as the page (names as
	 * the page shows them).
	 */
	@GetMapping("/partner/referrals.csv")
	void referralsCsv(Principal principal, @RequestParam(required = false) @Nullable String by,
			@RequestParam(required = false) @Nullable String sort, HttpServletResponse response) {
		Me me = this.current.require(principal);
		boolean first = "first".equals(by);
		Writer out = Csv.download(response, "referrals-" + (first ? "first" : "last") + ".csv",
				List.of("Name", "E-mail", "Date added", "Orders", "Open orders"));
		this.lists.eachReferral(me.partnerId(), first, sort(sort, PartnerLists.CONTACT_SORTS),
				r -> Csv.writeRow(out, List.of(r.name(), r.maskedEmail(), r.dateAdded(), r.orders(), r.openOrders())));
	}

	@GetMapping("/partner/referrals/{id}")
	String referral(Principal principal, @PathVariable String id, Model model) {
		Me me = this.current.require(principal);
		model.addAttribute("me", me);
		model.addAttribute("contact",
				this.queries.referral(me.partnerId(), id(id)).orElseThrow(PartnerListsController::notFound));
		return "partnercenter/referral";
	}

	// ---- commissions

	@GetMapping("/partner/commissions")
	String commissions(Principal principal, @RequestParam(required = false) @Nullable String tab,
			@RequestParam(required = false) @Nullable String product,
			@RequestParam(required = false) @Nullable String page,
			@RequestParam(required = false) @Nullable String size,
			@RequestParam(required = false) @Nullable String sort, HttpServletRequest request, Model model) {
		Me me = this.current.require(principal);
		String shown = tab(tab);
		model.addAttribute("me", me);
		model.addAttribute("tab", shown);
		if ("open".equals(shown)) {
			Page<PartnerCenterQueries.OpenOrder> rows = this.lists.openOrders(me.partnerId(),
					pageable(page, size, sort, PartnerLists.ORDER_SORTS));
			model.addAttribute("orders", rows);
			model.addAttribute("links", links(rows, request, "date"));
			return "partnercenter/commissions";
		}
		if ("product".equals(shown)) {
			List<ProductOption> products = this.lists.productsSince(me.partnerId(), since());
			model.addAttribute("products", products);
			model.addAttribute("product", productId(product));
		}
		if ("pending".equals(shown)) {
			model.addAttribute("totalPending", totalPending(me));
		}
		Page<CommissionRow> rows = this.lists.commissions(me.partnerId(), filter(shown, product),
				pageable(page, size, sort, PartnerLists.COMMISSION_SORTS));
		model.addAttribute("rows", rows);
		model.addAttribute("links", links(rows, request, "history".equals(shown) ? "paid" : "date"));
		return "partnercenter/commissions";
	}

	@GetMapping("/partner/commissions.csv")
	void commissionsCsv(Principal principal, @RequestParam(required = false) @Nullable String tab,
			@RequestParam(required = false) @Nullable String product,
			@RequestParam(required = false) @Nullable String sort, HttpServletResponse response) {
		Me me = this.current.require(principal);
		String shown = tab(tab);
		if ("open".equals(shown)) {
			Writer out = Csv.download(response, "open-orders.csv",
					List.of("Order date", "Contact", "Products", "Total", "Currency"));
			this.lists.eachOpenOrder(me.partnerId(), sort(sort, PartnerLists.ORDER_SORTS), o -> Csv.writeRow(out,
					List.of(o.occurredAt(), o.contactName(), nz(o.products()), o.total(), o.currency())));
			return;
		}
		writeCommissions(me, filter(shown, product), sort(sort, PartnerLists.COMMISSION_SORTS),
				"commissions-" + shown + ".csv", response);
	}

	@GetMapping("/partner/commissions/{id}")
	String commission(Principal principal, @PathVariable String id, Model model) {
		Me me = this.current.require(principal);
		model.addAttribute("me", me);
		model.addAttribute("commission",
				this.queries.commission(me.partnerId(), id(id)).orElseThrow(PartnerListsController::notFound));
		return "partnercenter/commission";
	}

	// ---- earnings

	@GetMapping("/partner/earnings")
	String earnings(Principal principal, @RequestParam(required = false) @Nullable String tab,
			@RequestParam(required = false) @Nullable String page,
			@RequestParam(required = false) @Nullable String size,
			@RequestParam(required = false) @Nullable String sort, HttpServletRequest request, Model model) {
		Me me = this.current.require(principal);
		String shown = earningsTab(tab);
		model.addAttribute("me", me);
		model.addAttribute("tab", shown);
		if ("payments".equals(shown)) {
			Page<PartnerCenterQueries.Payment> rows = this.lists.payments(me.partnerId(),
					pageable(page, size, sort, PartnerLists.PAYMENT_SORTS));
			model.addAttribute("payments", rows);
			model.addAttribute("links", links(rows, request, "date"));
		}
		else {
			Page<CommissionRow> rows = this.lists.commissions(me.partnerId(), earningsFilter(shown),
					pageable(page, size, sort, PartnerLists.COMMISSION_SORTS));
			model.addAttribute("rows", rows);
			model.addAttribute("links", links(rows, request, "date"));
		}
		return "partnercenter/earnings";
	}

	@GetMapping("/partner/earnings.csv")
	void earningsCsv(Principal principal, @RequestParam(required = false) @Nullable String tab,
			@RequestParam(required = false) @Nullable String sort, HttpServletResponse response) {
		Me me = this.current.require(principal);
		String shown = earningsTab(tab);
		if ("payments".equals(shown)) {
			Writer out = Csv.download(response, "payments.csv",
					List.of("Payment", "Date paid", "Amount", "Currency", "Batch", "Commissions"));
			this.lists.eachPayment(me.partnerId(), sort(sort, PartnerLists.PAYMENT_SORTS), p -> Csv.writeRow(out,
					List.of(p.id(), p.paidAt(), p.amount(), p.currency(), p.batchId(), p.commissionCount())));
			return;
		}
		writeCommissions(me, earningsFilter(shown), sort(sort, PartnerLists.COMMISSION_SORTS),
				"earnings-" + shown + ".csv", response);
	}

	@GetMapping("/partner/earnings/payments/{id}")
	String payment(Principal principal, @PathVariable String id, Model model) {
		Me me = this.current.require(principal);
		long itemId = id(id);
		model.addAttribute("me", me);
		model.addAttribute("payment",
				this.queries.payment(me.partnerId(), itemId).orElseThrow(PartnerListsController::notFound));
		model.addAttribute("rows", this.queries.commissionsOfPayment(me.partnerId(), itemId));
		return "partnercenter/payment";
	}

	// ---- tier-2 partners

	@GetMapping("/partner/network")
	String network(Principal principal, @RequestParam(required = false) @Nullable String page,
			@RequestParam(required = false) @Nullable String size,
			@RequestParam(required = false) @Nullable String sort, HttpServletRequest request, Model model) {
		Me me = this.current.require(principal);
		Page<PartnerCenterQueries.NetworkPartner> rows = this.lists.network(me.partnerId(),
				pageable(page, size, sort, PartnerLists.NETWORK_SORTS));
		model.addAttribute("me", me);
		model.addAttribute("rows", rows);
		model.addAttribute("links", links(rows, request, "date"));
		model.addAttribute("tier2", this.lists.tier2Earnings(me.partnerId()));
		return "partnercenter/network";
	}

	/**
	 * His tier-2 partners as CSV: names, dates, status and sales as on the page, no
	 * e-mail addresses.
	 */
	@GetMapping("/partner/network.csv")
	void networkCsv(Principal principal, @RequestParam(required = false) @Nullable String sort,
			HttpServletResponse response) {
		Me me = this.current.require(principal);
		Writer out = Csv.download(response, "tier-2-partners.csv", List.of("Name", "Joined", "Status", "Sales"));
		this.lists.eachNetworkPartner(me.partnerId(), sort(sort, PartnerLists.NETWORK_SORTS),
				p -> Csv.writeRow(out, List.of(p.name(), p.joinedAt(), p.status(), p.sales())));
	}

	private void writeCommissions(Me me, CommissionFilter filter, Sort sort, String filename,
			HttpServletResponse response) {
		Writer out = Csv.download(response, filename, List.of("Commission", "Transaction date", "Commission amount",
				"Currency", "Contact", "Product", "SKU", "Tier", "Status", "Date paid", "Clawback"));
		this.lists.eachCommission(me.partnerId(), filter, sort,
				c -> Csv.writeRow(out,
						List.of(c.id(), c.transactionDate(), c.amount(), c.currency(), c.contactName(), c.product(),
								c.sku(), c.tier(), c.status(), c.paidAt() == null ? "" : c.paidAt(),
								c.clawback() ? "yes" : "")));
	}

	/**
	 * The rollup field an admin names so to replace the computed pending total (the
	 * seed's recipe).
	 */
	static final String PENDING_ROLLUP = "Total pending commissions";

	/**
	 * The "Total pending commissions" figure: the rollup field of that name when it
	 * exists (his value, exact now), otherwise the sum of his pending commissions from
	 * the commissions module's API.
	 */
	private Map<String, BigDecimal> totalPending(Me me) {
		if (this.rollups.findByName(PENDING_ROLLUP).isPresent()) {
			BigDecimal value = this.rollups.value(PENDING_ROLLUP, me.contactId()).orElse(BigDecimal.ZERO);
			return Map.of(me.currency(), value.setScale(2, java.math.RoundingMode.HALF_UP));
		}
		Map<String, BigDecimal> totals = new java.util.TreeMap<>();
		for (EarningsTotal total : this.commissions.earningsOf(me.partnerId())) {
			if (total.status() == CommissionStatus.PENDING) {
				totals.merge(total.currency(), total.amount(), BigDecimal::add);
			}
		}
		if (totals.isEmpty()) {
			totals.put(me.currency(), BigDecimal.ZERO.setScale(2));
		}
		return totals;
	}

	private CommissionFilter filter(String tab, String product) {
		return switch (tab) {
			case "history" -> new CommissionFilter.History();
			case "product" -> new CommissionFilter.Product(productId(product), since());
			default -> new CommissionFilter.Pending();
		};
	}

	private static CommissionFilter earningsFilter(String tab) {
		return "refunds".equals(tab) ? new CommissionFilter.Refunds() : new CommissionFilter.Earned();
	}

	private Instant since() {
		return this.clock.instant().minus(Duration.ofDays(PRODUCT_DAYS));
	}

	private static String tab(String tab) {
		return tab != null && List.of("pending", "history", "product", "open").contains(tab) ? tab : "pending";
	}

	private static String earningsTab(String tab) {
		return tab != null && List.of("commissions", "refunds", "payments").contains(tab) ? tab : "commissions";
	}

	private static Long productId(String product) {
		int id = ListParams.number(product, -1);
		return id > 0 ? (long) id : null;
	}

	/**
	 * Links for the shared paging and sortable-header fragments. Unsorted lists run their
	 * default order (newest first: {@code defaultKey} descending), and their header says
	 * so ({@code aria-sort}); the SQL is unchanged.
	 */
	static PageLinks links(Page<?> rows, HttpServletRequest request, String defaultKey) {
		return rows.getSort().isSorted() ? PageLinks.of(rows, ListParams.currentList(request))
				: new PageLinks(rows, defaultKey, "desc", ListParams.currentList(request));
	}

	private static Pageable pageable(String page, String size, String sort, Map<String, String> sortable) {
		return ListParams.pageable(page, size, sort(sort, sortable), PAGE_SIZE, MAX_PAGE_SIZE);
	}

	private static Sort sort(String sort, Map<String, String> sortable) {
		return ListParams.sort(sort, sortable::containsKey, Sort.unsorted());
	}

	/** A path id that is not a number is as unknown as another partner's. */
	private static long id(String id) {
		try {
			return Long.parseLong(id);
		}
		catch (NumberFormatException ex) {
			throw notFound();
		}
	}

	private static NotFoundException notFound() {
		return new NotFoundException("Not found.");
	}

	private static String nz(String value) {
		return value == null ? "" : value;
	}

}
