package dev.partnerhub.console;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

import dev.partnerhub.support.DayRange;
import org.jspecify.annotations.Nullable;

/**
 * The dashboard's date range: whole UTC days {@code from} to {@code to}, both included
 * (the commission, order and clicks lists read their {@code from}/{@code to} the same
 * way, so the links agree). Parsed forgivingly: a value that makes no sense leaves a
 * problem in words and the default (the last 30 days) instead.
 *
 * @param preset the chosen preset, or {@code custom} for from/to
 * @param weekly whether the trend charts show weeks instead of days
 */
record DashboardRange(String preset, LocalDate from, LocalDate to, boolean weekly, List<String> problems) {

	/** As long as the clicks report allows, so the clicks link always works. */
	static final int MAX_DAYS = 366;

	static final String DEFAULT_PRESET = "last30";

	/** Preset keys and labels, in menu order. */
	static final List<String[]> PRESETS = List.of(new String[] { "today", "Today" },
			new String[] { "last7", "Last 7 days" }, new String[] { "last30", "Last 30 days" },
			new String[] { "thisMonth", "This month" }, new String[] { "lastMonth", "Last month" },
			new String[] { "thisYear", "This year" }, new String[] { "custom", "Custom dates" });

	static DashboardRange parse(@Nullable String preset, @Nullable String from, @Nullable String to,
			@Nullable String by, LocalDate today) {
		List<String> problems = new ArrayList<>();
		String key = preset == null || preset.isBlank() ? null : preset.strip();
		boolean datesGiven = !blank(from) || !blank(to);
		LocalDate[] range = null;
		if (key != null && !"custom".equals(key)) {
			range = preset(key, today);
			if (range == null) {
				problems.add("Unknown period \u2018" + shortened(key) + "\u2019: showing the last 30 days.");
			}
		}
		else if (datesGiven || "custom".equals(key)) {
			range = custom(from, to, today, problems);
			if (range != null) {
				key = "custom";
			}
		}
		if (range == null) {
			key = DEFAULT_PRESET;
			range = preset(DEFAULT_PRESET, today);
		}
		long days = ChronoUnit.DAYS.between(range[0], range[1]) + 1;
		boolean weekly;
		if (blank(by)) {
			weekly = days > 62;
		}
		else if ("day".equals(by.strip()) || "week".equals(by.strip())) {
			weekly = "week".equals(by.strip());
		}
		else {
			problems.add("Show the trends by day or by week, not \u2018" + shortened(by) + "\u2019.");
			weekly = days > 62;
		}
		return new DashboardRange(key, range[0], range[1], weekly, List.copyOf(problems));
	}

	private static LocalDate @Nullable [] preset(String key, LocalDate today) {
		return switch (key) {
			case "today" -> new LocalDate[] { today, today };
			case "last7" -> new LocalDate[] { today.minusDays(6), today };
			case "last30" -> new LocalDate[] { today.minusDays(29), today };
			case "thisMonth" -> new LocalDate[] { today.withDayOfMonth(1), today };
			case "lastMonth" -> {
				LocalDate first = today.withDayOfMonth(1).minusMonths(1);
				yield new LocalDate[] { first, first.with(TemporalAdjusters.lastDayOfMonth()) };
			}
			case "thisYear" -> new LocalDate[] { today.withDayOfYear(1), today };
			default -> null;
		};
	}

	private static LocalDate @Nullable [] custom(@Nullable String from, @Nullable String to, LocalDate today,
			List<String> problems) {
		LocalDate end = blank(to) ? today : date("end", to, problems);
		LocalDate start = blank(from) ? (end == null ? today : end).minusDays(29) : date("start", from, problems);
		if (start == null || end == null) {
			return null;
		}
		if (start.isAfter(end)) {
			problems.add("The start date " + start + " is after the end date " + end + ": showing the last 30 days.");
			return null;
		}
		if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_DAYS) {
			problems.add("Choose at most " + MAX_DAYS + " days: showing the last 30 days.");
			return null;
		}
		return new LocalDate[] { start, end };
	}

	private static @Nullable LocalDate date(String which, String value, List<String> problems) {
		try {
			LocalDate date = LocalDate.parse(value.strip());
			if (date.getYear() >= 2000 && date.getYear() <= 2999) {
				return date;
			}
		}
		catch (DateTimeParseException ex) {
			// reported below
		}
		problems.add("Enter the " + which + " date as YYYY-MM-DD between 2000 and 2999 (not \u2018" + shortened(value)
				+ "\u2019): showing the last 30 days.");
		return null;
	}

	Instant start() {
		return DayRange.startOf(this.from);
	}

	/** The instant after the last day (exclusive). */
	Instant end() {
		return DayRange.endExclusive(this.to);
	}

	/** The first day of the first trend bucket (a Monday when weekly). */
	LocalDate firstBucket() {
		return this.weekly ? this.from.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : this.from;
	}

	public String unit() {
		return this.weekly ? "week" : "day";
	}

	public String label() {
		return PRESETS.stream()
			.filter(p -> p[0].equals(this.preset) && !"custom".equals(this.preset))
			.map(p -> p[1] + " (" + this.from + " to " + this.to + ")")
			.findFirst()
			.orElse(this.from + " to " + this.to);
	}

	/** A hostile value is echoed only in part (Thymeleaf escapes it). */
	private static String shortened(String value) {
		String text = value.strip();
		return text.length() > 40 ? text.substring(0, 40) + "\u2026" : text;
	}

	private static boolean blank(@Nullable String value) {
		return value == null || value.isBlank();
	}

}
