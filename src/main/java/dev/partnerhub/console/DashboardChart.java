package dev.partnerhub.console;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.web.util.HtmlUtils;

/**
 * One trend as a server-drawn SVG bar chart (no script: the CSP forbids inline ones), as
 * the clicks report and the partner center draw theirs: one bar a bucket (day or week),
 * empty buckets included so the bars line up with the dates, and the same numbers in a
 * table for screen readers and copying.
 *
 * @param id the chart's element id prefix
 */
record DashboardChart(String id, String title, List<Bar> bars, String total, String viewBox) {

	static final int HEIGHT = 100;

	static final int SLOT = 10;

	/** One bucket's bar; coordinates pre-formatted for the SVG attributes. */
	record Bar(LocalDate bucket, String value, String x, String y, String width, String height) {

		/** The bar's tooltip (a date and a number: nothing to escape). */
		public String svgTitle() {
			return "<title>" + this.bucket + ": " + this.value + "</title>";
		}

	}

	/**
	 * @param values the value per bucket start (missing buckets are zero)
	 * @param money whether the values are amounts (two decimals) or counts
	 */
	static DashboardChart of(String id, String title, DashboardRange range, Map<LocalDate, BigDecimal> values,
			boolean money) {
		List<LocalDate> buckets = new ArrayList<>();
		for (LocalDate day = range.firstBucket(); !day.isAfter(range.to()); day = day
			.plusDays(range.weekly() ? 7 : 1)) {
			buckets.add(day);
		}
		BigDecimal max = values.values().stream().reduce(BigDecimal.ZERO, BigDecimal::max);
		BigDecimal total = values.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
		List<Bar> bars = new ArrayList<>(buckets.size());
		for (int i = 0; i < buckets.size(); i++) {
			BigDecimal value = values.getOrDefault(buckets.get(i), BigDecimal.ZERO);
			// a small positive value still shows a sliver; zero or negative is no bar
			double height = max.signum() <= 0 || value.signum() <= 0 ? 0
					: Math.max(1.5, (HEIGHT - 2) * value.doubleValue() / max.doubleValue());
			bars.add(new Bar(buckets.get(i), format(value, money), number(i * SLOT + 1), number(HEIGHT - height),
					number(SLOT - 2), number(height)));
		}
		return new DashboardChart(id, title + " per " + range.unit() + " from " + range.from() + " to " + range.to(),
				bars, format(total, money), "0 0 " + Math.max(buckets.size(), 1) * SLOT + " " + HEIGHT);
	}

	/** The SVG's accessible name and description (see {@code aria-labelledby}). */
	public String svgTitles() {
		return "<title id=\"" + this.id + "-title\">" + HtmlUtils.htmlEscape(this.title) + "</title><desc id=\""
				+ this.id + "-desc\">" + HtmlUtils.htmlEscape("In total " + this.total + ".") + "</desc>";
	}

	static String format(BigDecimal value, boolean money) {
		return money ? String.format(Locale.ROOT, "%,.2f", value)
				: String.format(Locale.ROOT, "%,d", value.longValue());
	}

	private static String number(double value) {
		return String.format(Locale.ROOT, "%.2f", value);
	}

}
