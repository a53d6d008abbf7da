package dev.partnerhub.tracking.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongPredicate;

import dev.partnerhub.tracking.domain.ClickReport;
import dev.partnerhub.tracking.domain.ClickReport.Grouping;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;

/**
 * The report's query parameters as typed: parsed leniently where a default is harmless
 * (page, sort) and checked where a wrong guess would mislead (dates, program, grouping).
 * {@code errors} maps a field to its message.
 */
record ClicksReportRequest(@Nullable String from, @Nullable String to, @Nullable String program, @Nullable String group,
		ClickReport.@Nullable Query query, Sort sort, int page, Map<String, String> errors) {

	static final int DEFAULT_DAYS = 30;

	static ClicksReportRequest parse(String from, String to, String program, String group, String sort, String page,
			LocalDate today, LongPredicate programExists) {
		Map<String, String> errors = new LinkedHashMap<>();
		LocalDate toDay = date(to, today, "to", errors);
		LocalDate fromDay = date(from, (toDay == null ? today : toDay).minusDays(DEFAULT_DAYS - 1), "from", errors);
		if (fromDay != null && toDay != null) {
			if (fromDay.isAfter(toDay)) {
				errors.put("from", "The start date must not be after the end date.");
			}
			else if (fromDay.plusDays(ClickReport.MAX_DAYS).isBefore(toDay.plusDays(1))) {
				errors.put("from", "Choose at most " + ClickReport.MAX_DAYS + " days.");
			}
		}
		Long programId = null;
		if (program != null && !program.isBlank()) {
			try {
				programId = Long.valueOf(program.strip());
			}
			catch (NumberFormatException ex) {
				programId = -1L;
			}
			if (programId <= 0 || !programExists.test(programId)) {
				errors.put("program", "There is no such program.");
			}
		}
		Grouping grouping = group == null || group.isBlank() ? Grouping.PARTNER : Grouping.parse(group);
		if (grouping == null) {
			errors.put("group", "Group by partner, promo tool or SubID.");
		}
		ClickReport.Query query = errors.isEmpty() ? new ClickReport.Query(fromDay, toDay, programId, grouping) : null;
		return new ClicksReportRequest(fromDay == null ? from : fromDay.toString(),
				toDay == null ? to : toDay.toString(), program, grouping == null ? group : grouping.value(), query,
				sort(sort), page(page), errors);
	}

	/**
	 * Blank means the default; anything else must be an ISO date (what
	 * {@code <input type="date">} sends).
	 */
	private static @Nullable LocalDate date(String value, LocalDate fallback, String field,
			Map<String, String> errors) {
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			LocalDate date = LocalDate.parse(value.strip());
			if (date.getYear() < 2000 || date.getYear() > 2999) {
				errors.put(field, "Enter a date between 2000 and 2999.");
				return null;
			}
			return date;
		}
		catch (DateTimeParseException ex) {
			errors.put(field, "Enter the " + ("from".equals(field) ? "start" : "end") + " date as YYYY-MM-DD.");
			return null;
		}
	}

	/** {@code label,asc} or {@code clicks,desc}; anything else: most clicks first. */
	static Sort sort(String value) {
		if (value != null) {
			String[] parts = value.split(",", 2);
			String property = parts[0].strip();
			if ("label".equals(property) || "clicks".equals(property)) {
				boolean descending = parts.length > 1 && "desc".equalsIgnoreCase(parts[1].strip());
				return Sort.by(descending ? Sort.Direction.DESC : Sort.Direction.ASC, property);
			}
		}
		return Sort.by(Sort.Direction.DESC, "clicks");
	}

	private static int page(String value) {
		try {
			return value == null ? 0 : Math.max(0, Math.min(Integer.parseInt(value.strip()), 100_000));
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
