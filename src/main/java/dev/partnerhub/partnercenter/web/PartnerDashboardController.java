package dev.partnerhub.partnercenter.web;

import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.Principal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.partnerhub.partnercenter.domain.DateRange;
import dev.partnerhub.partnercenter.domain.PartnerCenterQueries;
import dev.partnerhub.partnercenter.domain.PartnerCenterQueries.Figures;
import dev.partnerhub.partnercenter.domain.PartnerCenterQueries.Me;
import dev.partnerhub.partnercenter.domain.PartnerCenterQueries.ReportRow;
import dev.partnerhub.partnercenter.domain.PartnerCenterQueries.Tool;
import dev.partnerhub.partnercenter.domain.PartnerFigures;
import dev.partnerhub.partnercenter.domain.PcLandings;
import dev.partnerhub.payouts.PayoutApi;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.support.web.Csv;
import dev.partnerhub.support.web.ErrorPages;
import dev.partnerhub.support.web.ListParams;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The dashboard (figures and earnings chart for a date range) and the reports by promo
 * tool and SubID.
 */
@ErrorPages(nav = "", back = "/partner", backLabel = "Back to your dashboard",
		notFoundDetail = "There is nothing here.")
@Controller
class PartnerDashboardController {

	private final CurrentPartner current;

	private final PartnerCenterQueries queries;

	private final PartnerFigures figures;

	private final PayoutApi payouts;

	private final ProgramApi programs;

	private final PartnerLinks links;

	private final Clock clock;

	private final PcLandings landings;

	PartnerDashboardController(CurrentPartner current, PartnerCenterQueries queries, PartnerFigures figures,
			PayoutApi payouts, ProgramApi programs, PartnerLinks links, Clock clock, PcLandings landings) {
		this.current = current;
		this.landings = landings;
		this.queries = queries;
		this.figures = figures;
		this.payouts = payouts;
		this.programs = programs;
		this.links = links;
		this.clock = clock;
	}

	/**
	 * What a partner sees first: his program's landing page when the console chose one
	 * (and he may see it), else the dashboard.
	 */
	@GetMapping({ "/partner", "/partner/" })
	String home(Principal principal, @RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to, @RequestParam(required = false) @Nullable String days,
			Model model) {
		Me me = this.current.require(principal);
		var landing = this.landings.landingSlug(me.programId());
		if (landing.isPresent()) {
			// a slug is letters, digits and hyphens: safe in a path as it is
			return "redirect:/partner/pages/" + landing.get();
		}
		return dashboard(principal, from, to, days, model);
	}

	@GetMapping("/partner/dashboard")
	String dashboard(Principal principal, @RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to, @RequestParam(required = false) @Nullable String days,
			Model model) {
		Me me = this.current.require(principal);
		RangeForm range = RangeForm.read(from, to, days, this.clock);
		Figures figures = this.figures.figures(me.partnerId(), range.range());
		model.addAttribute("me", me);
		model.addAttribute("range", range);
		model.addAttribute("figures", figures);
		model.addAttribute("conversion", conversion(figures.sales(), figures.clicks()));
		model.addAttribute("chart", EarningsChart.of(range.range(), this.figures.earningsOverTime(me.partnerId(),
				me.currency(), range.range(), EarningsChart.weekly(range.range())), me.currency()));
		model.addAttribute("nextPayment", this.payouts.nextPayment(me.partnerId()).orElse(null));
		model.addAttribute("settings", this.programs.settings());
		model.addAttribute("trackedLink", this.links.tracked(me, null, null));
		return "partnercenter/dashboard";
	}

	/**
	 * Report columns a partner may sort by; unsorted = busiest first (clicks, then
	 * earnings).
	 */
	static final Map<String, Comparator<Line>> REPORT_SORTS = Map.of("label",
			Comparator.comparing(Line::label, String.CASE_INSENSITIVE_ORDER), "clicks",
			Comparator.comparingLong(Line::clicks), "leads", Comparator.comparingLong(Line::leads), "sales",
			Comparator.comparingLong(Line::sales), "conversion",
			Comparator.comparing(Line::conversion, Comparator.nullsFirst(Comparator.naturalOrder())), "earnings",
			Comparator.comparing(Line::earnings));

	@GetMapping("/partner/reports")
	String reports(Principal principal, @RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to, @RequestParam(required = false) @Nullable String days,
			@RequestParam(required = false) @Nullable String group,
			@RequestParam(required = false) @Nullable String page,
			@RequestParam(required = false) @Nullable String size,
			@RequestParam(required = false) @Nullable String sort, HttpServletRequest request, Model model) {
		Me me = this.current.require(principal);
		RangeForm range = RangeForm.read(from, to, days, this.clock);
		boolean bySub = "sub".equals(group);
		model.addAttribute("me", me);
		model.addAttribute("range", range);
		model.addAttribute("group", bySub ? "sub" : "tool");
		// one row per promo tool or SubID, all aggregated by one statement: sorted and
		// paged here
		Pageable pageable = ListParams.pageable(page, size, reportSort(sort), PartnerListsController.PAGE_SIZE,
				PartnerListsController.MAX_PAGE_SIZE);
		List<Line> lines = sorted(report(me, range.range(), bySub), pageable.getSort());
		if (pageable.getOffset() >= lines.size() && !lines.isEmpty()) {
			// past the end: the last page
			pageable = pageable.withPage((lines.size() - 1) / pageable.getPageSize());
		}
		int fromIndex = (int) pageable.getOffset();
		Page<Line> rows = new PageImpl<>(
				lines.subList(fromIndex, Math.min(fromIndex + pageable.getPageSize(), lines.size())), pageable,
				lines.size());
		model.addAttribute("rows", rows);
		// unsorted = busiest first: the Clicks header says descending
		model.addAttribute("links", PartnerListsController.links(rows, request, "clicks"));
		model.addAttribute("sort",
				rows.getSort()
					.stream()
					.findFirst()
					.map(o -> o.getProperty() + "," + o.getDirection().name().toLowerCase(java.util.Locale.ROOT))
					.orElse(""));
		model.addAttribute("chart", EarningsChart.of(range.range(), this.figures.earningsOverTime(me.partnerId(),
				me.currency(), range.range(), EarningsChart.weekly(range.range())), me.currency()));
		return "partnercenter/reports";
	}

	@GetMapping("/partner/reports.csv")
	void reportsCsv(Principal principal, @RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to, @RequestParam(required = false) @Nullable String days,
			@RequestParam(required = false) @Nullable String group,
			@RequestParam(required = false) @Nullable String sort, HttpServletResponse response) {
		Me me = this.current.require(principal);
		RangeForm range = RangeForm.read(from, to, days, this.clock);
		boolean bySub = "sub".equals(group);
		Writer out = Csv.download(response,
				"report-" + (bySub ? "subid" : "promo-tool") + "-" + range.range().from() + "-" + range.range().to()
						+ ".csv",
				List.of(bySub ? "SubID" : "Promo tool", "Clicks", "Leads", "Sales", "Conversion %", "Earnings",
						"Currency"));
		for (Line line : sorted(report(me, range.range(), bySub), reportSort(sort))) {
			Csv.writeRow(out, List.of(line.label(), line.clicks(), line.leads(), line.sales(),
					line.conversion() == null ? "" : line.conversion(), line.earnings(), me.currency()));
		}
	}

	/** One line of the report: the three sources added up per key, busiest first. */
	record Line(String key, String label, long clicks, long leads, long sales, BigDecimal conversion,
			BigDecimal earnings) {
	}

	private List<Line> report(Me me, DateRange range, boolean bySub) {
		Map<String, long[]> counts = new LinkedHashMap<>();
		Map<String, BigDecimal> earnings = new LinkedHashMap<>();
		for (ReportRow row : this.figures.report(me.partnerId(), me.currency(), range, bySub)) {
			long[] c = counts.computeIfAbsent(row.key() == null ? "" : row.key(), k -> new long[3]);
			c[0] += row.clicks();
			c[1] += row.leads();
			c[2] += row.sales();
			earnings.merge(row.key() == null ? "" : row.key(), row.earnings(), BigDecimal::add);
		}
		Map<String, String> toolNames = new LinkedHashMap<>();
		if (!bySub && !counts.isEmpty()) {
			for (Tool tool : this.queries.tools(me.programId())) {
				toolNames.put(String.valueOf(tool.id()), tool.name());
			}
		}
		List<Line> lines = new ArrayList<>();
		counts.forEach((key, c) -> {
			String label = key.isEmpty() ? (bySub ? "(no SubID)" : "(no promo tool: plain link or code)")
					: bySub ? key : toolNames.getOrDefault(key, "Promo tool " + key + " (removed)");
			lines.add(new Line(key, label, c[0], c[1], c[2], conversion(c[2], c[0]),
					earnings.get(key).setScale(2, RoundingMode.HALF_UP)));
		});
		lines.sort(Comparator.comparingLong(Line::clicks)
			.thenComparing(Line::earnings)
			.reversed()
			.thenComparing(Line::label));
		return lines;
	}

	private static Sort reportSort(String sort) {
		return ListParams.sort(sort, REPORT_SORTS::containsKey, Sort.unsorted());
	}

	private static List<Line> sorted(List<Line> lines, Sort sort) {
		Sort.Order order = sort.stream().findFirst().orElse(null);
		if (order == null) {
			return lines;
		}
		Comparator<Line> comparator = REPORT_SORTS.get(order.getProperty());
		comparator = order.isDescending() ? comparator.reversed() : comparator;
		List<Line> copy = new ArrayList<>(lines);
		copy.sort(comparator.thenComparing(Line::label));
		return copy;
	}

	/** Sales per click in percent, one decimal; null without clicks. */
	static BigDecimal conversion(long sales, long clicks) {
		return clicks == 0 ? null
				: BigDecimal.valueOf(sales)
					.multiply(BigDecimal.valueOf(100))
					.divide(BigDecimal.valueOf(clicks), 1, RoundingMode.HALF_UP);
	}

}
