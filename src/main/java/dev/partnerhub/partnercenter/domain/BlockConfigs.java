package dev.partnerhub.partnercenter.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.partnerhub.filters.Filter;
import dev.partnerhub.filters.FilterCompiler;
import dev.partnerhub.filters.FilterJson;
import dev.partnerhub.filters.FilterRows;
import dev.partnerhub.rollups.RollupApi;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.merge.MergeText;

import org.springframework.stereotype.Component;

/**
 * Checks a block's settings as the console form sends them and keeps only the keys its
 * type uses. Every problem is an {@link InvalidInputException} naming the form field:
 * unknown rollup, filter field or operator (via {@link FilterCompiler} against the
 * source's catalog), a sort field or column the source does not have, a page size out of
 * range. Text HTML is stored as written and sanitised after merging, at render time.
 */
@Component
public class BlockConfigs {

	public static final Set<String> FIGURES = Set.of("pending", "approved", "paid", "clicks", "referred", "rollup");

	public static final int MAX_PAGE_SIZE = 100;

	public static final int MAX_TEXT = 20_000;

	/**
	 * The form parameter prefix of the visual condition builder's rows
	 * ({@code rows[0].kind}, ...).
	 */
	public static final String ROWS = "rows";

	private final RollupApi rollups;

	BlockConfigs(RollupApi rollups) {
		this.rollups = rollups;
	}

	/** The merge fields of a text block (the one syntax, {@code {{firstName}}}). */
	public static final Map<String, String> TEXT_FIELDS;

	static {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("firstName", "The partner's first name");
		fields.put("lastName", "The partner's last name");
		fields.put("name", "First and last name");
		fields.put("code", "The partner's referral code");
		fields.put("programName", "The partner's program");
		fields.put("referralLink", "The partner's tracked link");
		fields.put("signupLink", "Sign-up link to recruit partners under this partner (tier 2)");
		TEXT_FIELDS = java.util.Collections.unmodifiableMap(fields);
	}

	/** A text block's merge fields with descriptions: the fixed ones and every rollup. */
	public Map<String, String> mergeFields() {
		Map<String, String> fields = new LinkedHashMap<>(TEXT_FIELDS);
		this.rollups.fields()
			.forEach(f -> fields.putIfAbsent(MergeText.rollupField(f.name()), "Rollup field: " + f.name()));
		return fields;
	}

	public Map<String, String> check(BlockType type, Map<String, String> form) {
		return check(type, form, FilterRows.fromParams(form, ROWS));
	}

	/**
	 * As {@link #check(BlockType, Map)} with the list conditions of the visual builder
	 * ({@code rows}, see {@link FilterRows}); the advanced JSON field {@code filter},
	 * when filled in, is used instead of the rows.
	 */
	public Map<String, String> check(BlockType type, Map<String, String> form, List<FilterRows.Row> rows) {
		Map<String, String> config = new LinkedHashMap<>();
		switch (type) {
			case TEXT -> {
				String html = value(form, "html");
				if (html.isBlank()) {
					throw new InvalidInputException("html", "Write the text of the block.");
				}
				if (html.length() > MAX_TEXT) {
					throw new InvalidInputException("html", "At most " + MAX_TEXT + " characters.");
				}
				// an unknown or malformed merge field is a form error (it would show as
				// nothing); stored as written, merged and sanitised when rendered
				MergeText.check("html", html, mergeFields().keySet());
				config.put("html", html);
			}
			case STAT -> {
				String figure = value(form, "figure");
				if (!FIGURES.contains(figure)) {
					throw new InvalidInputException("figure",
							"Choose a figure: pending, approved, paid, clicks, referred or a rollup field.");
				}
				config.put("figure", figure);
				if (figure.equals("rollup")) {
					config.put("rollup", rollup(form));
				}
				config.put("label", limit(value(form, "label"), 100));
			}
			case LIST -> list(form, rows, config);
			case LEADERBOARD -> {
				config.put("rollup", rollup(form));
				config.put("top", String.valueOf(number(form, "top", 10, 1, 100)));
				config.put("title", limit(value(form, "title"), 100));
			}
			case CHART -> {
				config.put("days", String.valueOf(number(form, "days", 30, 7, 365)));
				config.put("title", limit(value(form, "title"), 100));
			}
			case PROMO_TOOLS -> config.put("title", limit(value(form, "title"), 100));
			default -> throw new IllegalStateException();
		}
		return config;
	}

	private void list(Map<String, String> form, List<FilterRows.Row> given, Map<String, String> config) {
		List<FilterRows.Row> rows = FilterRows.normalise(given);
		ListSource source = ListSource.of(value(form, "source"));
		config.put("source", source.value());
		config.put("title", limit(value(form, "title"), 100));
		config.put("pageSize", String.valueOf(number(form, "pageSize", 10, 1, MAX_PAGE_SIZE)));
		if (source == ListSource.PROGRAM_PARTNERS) {
			if (!value(form, "filter").isBlank() || FilterRows.toFilter(rows) != null) {
				throw new InvalidInputException("filter", "Partners of the program take no conditions: they are ranked "
						+ "by the rollup field (put conditions into the rollup field).");
			}
			config.put("rollup", rollup(form));
			return;
		}
		String filterText = value(form, "filter");
		Filter filter = filterText.isBlank() ? FilterRows.toFilter(rows) : FilterJson.parse(filterText, "filter");
		if (filter != null) {
			FilterCompiler.validate(filter, source.catalog(), "filter");
			config.put("filter", FilterJson.toJson(filter));
		}
		String sort = value(form, "sort");
		if (sort.isBlank()) {
			sort = source.columns().keySet().iterator().next();
		}
		if (!source.columns().containsKey(sort)) {
			throw new InvalidInputException("sort", "Sort by one of: " + String.join(", ", source.columns().keySet())
					+ " (not '" + limit(sort, 40) + "').");
		}
		config.put("sort", sort);
		String direction = value(form, "direction");
		if (direction.isBlank()) {
			direction = "desc";
		}
		if (!direction.equals("asc") && !direction.equals("desc")) {
			throw new InvalidInputException("direction", "Direction is asc or desc.");
		}
		config.put("direction", direction);
		List<String> columns = new ArrayList<>();
		for (String column : value(form, "columns").split(",")) {
			String name = column.strip();
			if (name.isEmpty()) {
				continue;
			}
			if (!source.columns().containsKey(name)) {
				throw new InvalidInputException("columns", "Unknown column '" + limit(name, 40) + "'; columns of "
						+ source.label() + ": " + String.join(", ", source.columns().keySet()) + ".");
			}
			if (!columns.contains(name)) {
				columns.add(name);
			}
		}
		if (columns.isEmpty()) {
			columns.addAll(source.columns().keySet());
		}
		config.put("columns", String.join(",", columns));
	}

	private String rollup(Map<String, String> form) {
		String name = value(form, "rollup");
		return this.rollups.findByName(name)
			.orElseThrow(() -> new InvalidInputException("rollup",
					name.isBlank() ? "Choose a rollup field." : "No rollup field named '" + limit(name, 60) + "'."))
			.name();
	}

	private static int number(Map<String, String> form, String key, int fallback, int min, int max) {
		String text = value(form, key);
		if (text.isBlank()) {
			return fallback;
		}
		try {
			int n = Integer.parseInt(text);
			if (n >= min && n <= max) {
				return n;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new InvalidInputException(key, "A whole number from " + min + " to " + max + ".");
	}

	private static String value(Map<String, String> form, String key) {
		String value = form.get(key);
		return value == null ? "" : value.strip();
	}

	private static String limit(String text, int max) {
		return text.length() > max ? text.substring(0, max) : text;
	}

}
