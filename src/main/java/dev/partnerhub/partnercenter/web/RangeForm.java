package dev.partnerhub.partnercenter.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import dev.partnerhub.partnercenter.domain.DateRange;
import dev.partnerhub.support.web.ListParams;
import org.jspecify.annotations.Nullable;

/**
 * The date-range picker: {@code days} (a preset: 7, 30, 90) or {@code from}/{@code to}
 * (yyyy-MM-dd). Bad input never fails the page: it falls back to the last 30 days with a
 * message. Ranges are capped at 3 years.
 */
record RangeForm(DateRange range, @Nullable Integer preset, List<String> problems) {

	static final int DEFAULT_DAYS = 30;

	static final int MAX_DAYS = 366 * 3;

	static RangeForm read(String from, String to, String days, Clock clock) {
		LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
		List<String> problems = new ArrayList<>();
		LocalDate start = ListParams.date("From", from, problems);
		LocalDate end = ListParams.date("To", to, problems);
		if (start == null && end == null) {
			int n = ListParams.number(days, DEFAULT_DAYS);
			if (n != 7 && n != 30 && n != 90) {
				n = DEFAULT_DAYS;
			}
			return new RangeForm(DateRange.lastDays(today, n), n, problems);
		}
		if (end == null) {
			end = start.isAfter(today) ? start : today;
		}
		if (start == null) {
			start = end.minusDays(DEFAULT_DAYS - 1L);
		}
		if (end.isBefore(start)) {
			problems.add("The start date is after the end date; the two were swapped.");
			LocalDate swap = start;
			start = end;
			end = swap;
		}
		if (start.plusDays(MAX_DAYS).isBefore(end)) {
			problems.add("A range can span at most 3 years; it was shortened.");
			start = end.minusDays(MAX_DAYS - 1L);
		}
		return new RangeForm(new DateRange(start, end), null, problems);
	}

}
