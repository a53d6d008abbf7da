package dev.partnerhub.tracking.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import dev.partnerhub.tracking.domain.ClickReport;

import org.jspecify.annotations.Nullable;
import org.springframework.web.util.HtmlUtils;

/**
 * Clicks per day as a server-drawn SVG bar chart (no script: the CSP forbids inline ones
 * and the page needs none). Coordinates are in a {@code days × 10} by 100 view box the
 * browser stretches to the card; one bar a day, zero days included so the bars line up
 * with the dates. The same numbers go into a table for screen readers and copying.
 */
record ClickChart(LocalDate from, LocalDate to, List<Bar> bars, long total, long max, ClickReport.@Nullable Day busiest,
		String viewBox) {

	static final int HEIGHT = 100;

	static final int SLOT = 10;

	/** One day's bar; coordinates pre-formatted for the SVG attributes. */
	record Bar(LocalDate day, long clicks, String x, String y, String width, String height) {

		/** The bar's tooltip (a date and a number: nothing to escape). */
		public String svgTitle() {
			return "<title>" + this.day + ": " + countOf(this.clicks) + "</title>";
		}

	}

	static ClickChart of(ClickReport.Query query, List<ClickReport.Day> days) {
		long max = days.stream().mapToLong(ClickReport.Day::clicks).max().orElse(0);
		long total = days.stream().mapToLong(ClickReport.Day::clicks).sum();
		ClickReport.Day busiest = days.stream()
			.filter(day -> day.clicks() > 0)
			.max(Comparator.comparingLong(ClickReport.Day::clicks)
				.thenComparing(ClickReport.Day::day, Comparator.reverseOrder()))
			.orElse(null);
		List<Bar> bars = new ArrayList<>(days.size());
		for (int i = 0; i < days.size(); i++) {
			ClickReport.Day day = days.get(i);
			// A day with a single click still shows a sliver; an empty day is a
			// zero-height bar.
			double height = max == 0 || day.clicks() == 0 ? 0
					: Math.max(1.5, (HEIGHT - 2) * day.clicks() / (double) max);
			bars.add(new Bar(day.day(), day.clicks(), number(i * SLOT + 1), number(HEIGHT - height), number(SLOT - 2),
					number(height)));
		}
		return new ClickChart(query.from(), query.to(), bars, total, max, busiest,
				"0 0 " + Math.max(days.size(), 1) * SLOT + " " + HEIGHT);
	}

	/** The SVG's accessible name and description (see {@code aria-labelledby}). */
	public String svgTitles() {
		return "<title id=\"chart-title\">" + title() + "</title><desc id=\"chart-desc\">"
				+ HtmlUtils.htmlEscape(summary()) + "</desc>";
	}

	public String title() {
		return "Clicks per day from " + this.from + " to " + this.to;
	}

	/** "1,234 clicks in total; most on 2026-11-20 (56)." */
	public String summary() {
		String text = countOf(this.total) + " in total";
		return this.busiest == null ? text + "."
				: text + String.format(Locale.ROOT, "; most on %s (%,d).", this.busiest.day(), this.busiest.clicks());
	}

	static String countOf(long count) {
		return String.format(Locale.ROOT, "%,d %s", count, count == 1 ? "click" : "clicks");
	}

	private static String number(double value) {
		return String.format(Locale.ROOT, "%.2f", value);
	}

}
