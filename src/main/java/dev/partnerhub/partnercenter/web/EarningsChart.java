package dev.partnerhub.partnercenter.web;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.partnerhub.partnercenter.domain.DateRange;
import dev.partnerhub.partnercenter.domain.PartnerCenterQueries.Bucket;

import org.springframework.web.util.HtmlUtils;

/**
 * Earnings over time as a server-drawn SVG bar chart, drawn the way the console's clicks
 * report draws its chart (no script: the CSP allows none inline and the page needs none).
 * Daily buckets up to 92 days, weekly (Monday) beyond. Every bucket of the range is a
 * bar, empty ones included; negative buckets (clawbacks) are drawn as zero and listed in
 * the table with their value.
 */
record EarningsChart(DateRange range, boolean weekly, List<Bar> bars, BigDecimal total, BigDecimal max, String currency,
		String viewBox) {

	static final int HEIGHT = 100;

	static final int SLOT = 10;

	static final int MAX_DAILY = 92;

	record Bar(LocalDate start, BigDecimal amount, String x, String y, String width, String height) {

		public String svgTitle(String currency) {
			return "<title>" + this.start + ": " + this.amount + " " + HtmlUtils.htmlEscape(currency) + "</title>";
		}

	}

	static boolean weekly(DateRange range) {
		return range.days() > MAX_DAILY;
	}

	static EarningsChart of(DateRange range, List<Bucket> buckets, String currency) {
		boolean weekly = weekly(range);
		Map<LocalDate, BigDecimal> byStart = new HashMap<>();
		buckets.forEach(bucket -> byStart.merge(bucket.start(), bucket.amount(), BigDecimal::add));
		List<LocalDate> starts = new ArrayList<>();
		LocalDate day = weekly ? range.from().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : range.from();
		while (!day.isAfter(range.to())) {
			starts.add(day);
			day = weekly ? day.plusWeeks(1) : day.plusDays(1);
		}
		BigDecimal max = BigDecimal.ZERO;
		BigDecimal total = BigDecimal.ZERO.setScale(2);
		for (LocalDate start : starts) {
			BigDecimal amount = byStart.getOrDefault(start, BigDecimal.ZERO);
			total = total.add(amount);
			max = max.max(amount);
		}
		List<Bar> bars = new ArrayList<>(starts.size());
		for (int i = 0; i < starts.size(); i++) {
			BigDecimal amount = byStart.getOrDefault(starts.get(i), BigDecimal.ZERO).setScale(2);
			double height = max.signum() == 0 || amount.signum() <= 0 ? 0
					: Math.max(1.5, (HEIGHT - 2) * amount.doubleValue() / max.doubleValue());
			bars.add(new Bar(starts.get(i), amount, number(i * SLOT + 1), number(HEIGHT - height), number(SLOT - 2),
					number(height)));
		}
		return new EarningsChart(range, weekly, bars, total, max.setScale(2), currency,
				"0 0 " + Math.max(bars.size(), 1) * SLOT + " " + HEIGHT);
	}

	public String svgTitles() {
		return "<title id=\"chart-title\">" + HtmlUtils.htmlEscape(title()) + "</title><desc id=\"chart-desc\">"
				+ HtmlUtils.htmlEscape(summary()) + "</desc>";
	}

	public String title() {
		return "Earnings per " + (this.weekly ? "week" : "day") + " from " + this.range.from() + " to "
				+ this.range.to();
	}

	public String summary() {
		return this.total + " " + this.currency + " earned in total (pending, approved and paid; clawbacks deducted).";
	}

	private static String number(double value) {
		return String.format(Locale.ROOT, "%.2f", value);
	}

}
