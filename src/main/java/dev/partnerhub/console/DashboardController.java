package dev.partnerhub.console;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.partnerhub.commissions.CommissionStatus;
import dev.partnerhub.payouts.PayoutApi;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.programs.ProgramSummary;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The console's front page: how the partner program is doing over a date range, for one
 * program or all, each figure linking to the filtered list behind it
 * (docs/partner-center.md is the partners' side; README "Dashboard").
 */
@Controller
class DashboardController {

	private final DashboardQueries queries;

	private final ProgramApi programs;

	private final PayoutApi payouts;

	private final Clock clock;

	DashboardController(DashboardQueries queries, ProgramApi programs, PayoutApi payouts, Clock clock) {
		this.queries = queries;
		this.programs = programs;
		this.payouts = payouts;
		this.clock = clock;
	}

	/** A status card: its sums per currency and the commission list behind it. */
	record StatusCard(String status, String label, List<Figure> sums, String link) {
	}

	/** An amount in one currency (or a count when currency is empty) and its list. */
	record Figure(String currency, long count, BigDecimal value, String link) {

		public String amount() {
			return money(this.value);
		}

	}

	/** A funnel step: its count, the rate from the step before, the list behind it. */
	record Step(String label, long count, @Nullable String rate, @Nullable String link) {
	}

	record Ranked(String code, String currency, long count, BigDecimal value, String link) {

		public String amount() {
			return money(this.value);
		}

	}

	@GetMapping("/admin")
	String dashboard(@RequestParam(required = false) @Nullable String period,
			@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String program,
			@RequestParam(required = false) @Nullable String by, Model model) {
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		DashboardRange range = DashboardRange.parse(period, from, to, by, today);
		List<String> problems = new ArrayList<>(range.problems());
		List<ProgramSummary> all = this.programs.allPrograms();
		ProgramSummary chosen = chosenProgram(program, all, problems);
		Long programId = chosen == null ? null : chosen.id();

		model.addAttribute("range", range);
		model.addAttribute("presets", DashboardRange.PRESETS);
		model.addAttribute("programs", all);
		model.addAttribute("program", chosen);
		model.addAttribute("problems", problems);

		List<DashboardQueries.Point> revenueTrend = this.queries.revenueTrend(range, programId);
		List<DashboardQueries.StatusPoint> commissions = this.queries.commissionBuckets(range, programId);
		List<DashboardQueries.Point> clickTrend = this.queries.clickTrend(range, programId);

		String ordersLink = link("/admin/orders", range, null).queryParam("referred", "yes")
			.queryParamIfPresent("program", java.util.Optional.ofNullable(programId))
			.toUriString();
		Map<String, Figure> revenue = new TreeMap<>();
		for (DashboardQueries.Point point : revenueTrend) {
			revenue.merge(point.currency(), new Figure(point.currency(), point.count(), point.amount(), ordersLink),
					(x, y) -> new Figure(x.currency(), x.count() + y.count(), x.value().add(y.value()), x.link()));
		}
		model.addAttribute("revenue", List.copyOf(revenue.values()));
		model.addAttribute("statusCards", statusCards(commissions, range, programId));

		long clicks = clickTrend.stream().mapToLong(DashboardQueries.Point::count).sum();
		long sales = revenueTrend.stream().mapToLong(DashboardQueries.Point::count).sum();
		DashboardQueries.Funnel funnel = this.queries.funnel(range, programId, clicks, sales);
		model.addAttribute("funnel", List.of(
				new Step("Clicks", funnel.clicks(), null, link("/admin/clicks", range, programId).toUriString()),
				new Step("Leads", funnel.leads(), rate(funnel.leads(), funnel.clicks()),
						link("/admin/contacts", range, programId).queryParam("referred", "yes").toUriString()),
				new Step("Customers", funnel.customers(), rate(funnel.customers(), funnel.leads()),
						UriComponentsBuilder.fromUriString(ordersLink).queryParam("first", "yes").toUriString()),
				new Step("Sales", funnel.sales(), rate(funnel.sales(), funnel.customers()), ordersLink)));

		model.addAttribute("newPartners", this.queries.newPartners(range, programId));
		model.addAttribute("newPartnersLink",
				UriComponentsBuilder.fromPath("/admin/partners")
					.queryParamIfPresent("program", java.util.Optional.ofNullable(programId))
					.queryParam("joinedFrom", range.from())
					.queryParam("joinedTo", range.to())
					.toUriString());
		model.addAttribute("awaiting", this.queries.awaitingApproval(programId));
		model.addAttribute("awaitingLink",
				UriComponentsBuilder.fromPath("/admin/partners")
					.queryParam("status", "pending")
					.queryParamIfPresent("program", java.util.Optional.ofNullable(programId))
					.toUriString());

		model.addAttribute("topRevenue",
				this.queries.topByRevenue(range, programId)
					.stream()
					.map(top -> new Ranked(top.code(), top.currency(), top.count(), top.amount(),
							link("/admin/orders", range, null).queryParam("partner", top.code()).toUriString()))
					.toList());
		model.addAttribute("topCommission", this.queries.topByCommission(range, programId)
			.stream()
			.map(top -> new Ranked(top.code(), top.currency(), top.count(), top.amount(),
					link("/admin/commissions", range, programId).queryParam("partner", top.code()).toUriString()))
			.toList());

		model.addAttribute("charts", charts(range, revenueTrend, commissions, clickTrend));

		model.addAttribute("nextPayoutDate", this.payouts.nextPayoutDate());
		model.addAttribute("payable",
				this.payouts.payableByCurrency(programId)
					.entrySet()
					.stream()
					.map(due -> new Figure(due.getKey(), 0, due.getValue(),
							UriComponentsBuilder.fromPath("/admin/payouts/new")
								.queryParamIfPresent("program", java.util.Optional.ofNullable(programId))
								.toUriString()))
					.toList());
		return "console/dashboard";
	}

	/** Unknown or malformed: all programs, with a message. */
	private static @Nullable ProgramSummary chosenProgram(@Nullable String program, List<ProgramSummary> all,
			List<String> problems) {
		if (program == null || program.isBlank()) {
			return null;
		}
		String text = program.strip();
		for (ProgramSummary summary : all) {
			if (String.valueOf(summary.id()).equals(text)) {
				return summary;
			}
		}
		problems.add("There is no such program: showing all programs.");
		return null;
	}

	private static List<StatusCard> statusCards(List<DashboardQueries.StatusPoint> points, DashboardRange range,
			@Nullable Long programId) {
		List<StatusCard> cards = new ArrayList<>();
		for (CommissionStatus status : List.of(CommissionStatus.PENDING, CommissionStatus.HELD,
				CommissionStatus.APPROVED, CommissionStatus.PAID, CommissionStatus.DECLINED,
				CommissionStatus.REFUNDED)) {
			String link = link("/admin/commissions", range, programId).queryParam("status", status.value())
				.toUriString();
			Map<String, Figure> sums = new TreeMap<>();
			points.stream()
				.filter(point -> point.status().equals(status.value()))
				.forEach(point -> sums.merge(point.currency(),
						new Figure(point.currency(), point.count(), point.amount(), link),
						(x, y) -> new Figure(x.currency(), x.count() + y.count(), x.value().add(y.value()), link)));
			String label = status.value().substring(0, 1).toUpperCase(java.util.Locale.ROOT)
					+ status.value().substring(1);
			cards.add(new StatusCard(status.value(), label, List.copyOf(sums.values()), link));
		}
		return cards;
	}

	private static List<DashboardChart> charts(DashboardRange range, List<DashboardQueries.Point> revenueTrend,
			List<DashboardQueries.StatusPoint> commissionBuckets, List<DashboardQueries.Point> clickTrend) {
		List<DashboardChart> charts = new ArrayList<>();
		Map<String, Map<LocalDate, BigDecimal>> revenue = new TreeMap<>();
		Map<LocalDate, BigDecimal> sales = new LinkedHashMap<>();
		for (DashboardQueries.Point point : revenueTrend) {
			revenue.computeIfAbsent(point.currency(), c -> new LinkedHashMap<>()).put(point.bucket(), point.amount());
			sales.merge(point.bucket(), BigDecimal.valueOf(point.count()), BigDecimal::add);
		}
		Map<String, Map<LocalDate, BigDecimal>> commissions = new TreeMap<>();
		for (DashboardQueries.StatusPoint point : commissionBuckets) {
			if (DashboardQueries.EARNED_STATUSES.contains(point.status())) {
				commissions.computeIfAbsent(point.currency(), c -> new LinkedHashMap<>())
					.merge(point.bucket(), point.amount(), BigDecimal::add);
			}
		}
		Map<LocalDate, BigDecimal> clicks = new LinkedHashMap<>();
		for (DashboardQueries.Point point : clickTrend) {
			clicks.put(point.bucket(), BigDecimal.valueOf(point.count()));
		}
		charts.add(DashboardChart.of("chart-clicks", "Clicks", range, clicks, false));
		charts.add(DashboardChart.of("chart-sales", "Referred sales", range, sales, false));
		int n = 0;
		for (String currency : new TreeSet<>(revenue.keySet())) {
			charts.add(DashboardChart.of("chart-revenue-" + n++, "Referred revenue (" + currency + ")", range,
					revenue.get(currency), true));
		}
		n = 0;
		for (String currency : new TreeSet<>(commissions.keySet())) {
			charts.add(DashboardChart.of("chart-commissions-" + n++, "Commissions earned (" + currency + ")", range,
					commissions.get(currency), true));
		}
		return charts;
	}

	/** "12.5 %" of the step before, or null when the step before is zero. */
	static @Nullable String rate(long count, long before) {
		if (before == 0) {
			return null;
		}
		return BigDecimal.valueOf(count)
			.multiply(BigDecimal.valueOf(100))
			.divide(BigDecimal.valueOf(before), 1, RoundingMode.HALF_UP)
			.toPlainString() + " %";
	}

	private static UriComponentsBuilder link(String path, DashboardRange range, @Nullable Long programId) {
		return UriComponentsBuilder.fromPath(path)
			.queryParamIfPresent("program", java.util.Optional.ofNullable(programId))
			.queryParam("from", range.from())
			.queryParam("to", range.to());
	}

	private static String money(BigDecimal amount) {
		return String.format(java.util.Locale.ROOT, "%,.2f", amount);
	}

}
