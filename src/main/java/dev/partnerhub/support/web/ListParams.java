package dev.partnerhub.support.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Predicate;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Forgiving reading of console list parameters: junk page, size or sort values fall back
 * to defaults instead of failing, sizes are capped, and only whitelisted properties can
 * be sorted on.
 */
public final class ListParams {

	private static final int MAX_PAGE = 100_000;

	private ListParams() {
	}

	public static Pageable pageable(@Nullable String page, @Nullable String size, Sort sort, int defaultSize,
			int maxSize) {
		int number = Math.min(Math.max(number(page, 0), 0), MAX_PAGE);
		int pageSize = number(size, defaultSize);
		pageSize = pageSize < 1 ? defaultSize : Math.min(pageSize, maxSize);
		return PageRequest.of(number, pageSize, sort);
	}

	/** {@code property[,asc|desc]} for a sortable property, otherwise the fallback. */
	public static Sort sort(@Nullable String sort, Predicate<String> sortable, Sort fallback) {
		if (sort == null || sort.isBlank()) {
			return fallback;
		}
		String[] parts = sort.split(",");
		String property = parts[0].strip();
		if (!sortable.test(property)) {
			return fallback;
		}
		boolean descending = parts.length > 1 && "desc".equalsIgnoreCase(parts[1].strip());
		return Sort.by(descending ? Sort.Direction.DESC : Sort.Direction.ASC, property);
	}

	public static int number(@Nullable String value, int fallback) {
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			return Integer.parseInt(value.strip());
		}
		catch (NumberFormatException ex) {
			return fallback;
		}
	}

	/**
	 * Null for blank, otherwise without control characters, stripped and cut to
	 * {@code max} characters.
	 */
	public static @Nullable String trimmed(@Nullable String value, int max) {
		// control characters never belong in a filter, and PostgreSQL refuses a zero byte
		// outright (a 500)
		String text = value == null ? null : value.replaceAll("\\p{Cntrl}", "").strip();
		if (text == null || text.isEmpty()) {
			return null;
		}
		return text.length() > max ? text.substring(0, max) : text;
	}

	/**
	 * A "yes or left out" filter ({@code ?referred=yes}); anything else is ignored with a
	 * message naming the filter ({@code label}, e.g. "Referred").
	 */
	public static boolean yes(String label, @Nullable String value, List<String> problems) {
		String text = trimmed(value, 10);
		if (text != null && !"yes".equals(text)) {
			problems.add(label + " filter ignored: it is 'yes' or left out.");
		}
		return "yes".equals(text);
	}

	/**
	 * A program filter by id, or null when blank or not a number (with a message for the
	 * page).
	 */
	public static @Nullable Long program(@Nullable String value, List<String> problems) {
		String text = trimmed(value, 20);
		if (text == null) {
			return null;
		}
		try {
			return Long.valueOf(text);
		}
		catch (NumberFormatException ex) {
			problems.add("Program filter ignored: '" + text + "' is not a program.");
			return null;
		}
	}

	/**
	 * A {@code yyyy-MM-dd} date filter, or null when blank or not a date; a bad value
	 * leaves a message naming the filter ({@code label}, e.g. "From") for the page. Years
	 * have four digits, as a date input sends them: {@code +999999999-12-31} parses, but
	 * its next day does not exist and PostgreSQL has no timestamp for it.
	 */
	public static @Nullable LocalDate date(String label, @Nullable String value, List<String> problems) {
		String text = trimmed(value, 40);
		if (text == null) {
			return null;
		}
		try {
			LocalDate date = LocalDate.parse(text);
			if (date.getYear() >= 1 && date.getYear() <= 9999) {
				return date;
			}
		}
		catch (DateTimeParseException ex) {
			// the message below
		}
		problems.add("'" + text + "' is not a date (like 2026-01-31); the " + label + " filter was ignored.");
		return null;
	}

	/**
	 * The list's own URL with its current filters, so paging and sort links keep them.
	 */
	public static UriComponentsBuilder currentList(HttpServletRequest request) {
		UriComponentsBuilder builder = UriComponentsBuilder.fromPath(request.getRequestURI());
		request.getParameterMap().forEach((name, values) -> {
			if (!name.startsWith("_")) {
				builder.queryParam(name, (Object[]) values);
			}
		});
		return builder;
	}

}
