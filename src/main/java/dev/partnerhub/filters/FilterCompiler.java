package dev.partnerhub.filters;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.partnerhub.support.DayRange;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.Excerpts;
import org.jspecify.annotations.Nullable;

/**
 * Validates a {@link Filter} against a {@link FieldCatalog} and compiles it into a
 * parameterised SQL boolean expression. Nothing from the input reaches the SQL text:
 * field names are looked up in the catalog (whose SQL is written by code), values become
 * bind parameters. Shared by rollups, groups, automation and partner-center blocks.
 * <p>
 * Value forms: text and status compare case-insensitively; money is a decimal
 * ({@code 100}, {@code 99.50}); numbers are whole;
 * {@code on_or_after}/{@code on_or_before} take an ISO day ({@code 2026-01-31}) or a day
 * relative to today ({@code today}, {@code "30 days ago"}, {@code -30d});
 * {@code within_last_days} takes N ≥ 1 and means the N UTC days ending today (today
 * included). Timestamps compare by their UTC day.
 * <p>
 * Limits: a group may not be empty, nesting is at most {@value #MAX_DEPTH} groups deep,
 * at most {@value #MAX_CONDITIONS} conditions in all.
 */
public final class FilterCompiler {

	public static final int MAX_DEPTH = 5;

	public static final int MAX_CONDITIONS = 50;

	public static final int MAX_DAYS = 36_500;

	private static final Pattern DAYS_AGO = Pattern.compile("(\\d{1,5})\\s*days?\\s+ago");

	private static final Pattern MINUS_DAYS = Pattern.compile("-(\\d{1,5})d");

	private FilterCompiler() {
	}

	/**
	 * Checks the filter; InvalidInputException naming the path (e.g.
	 * {@code filter.conditions[1].field}).
	 */
	public static void validate(Filter filter, FieldCatalog catalog, String path) {
		compile(filter, catalog, LocalDate.now(ZoneOffset.UTC), "v", path);
	}

	/**
	 * The filter as SQL for rows described by {@code catalog}, with relative dates taken
	 * from {@code today} (UTC). {@code prefix} names the bind parameters
	 * ({@code :<prefix>_1}, ...) so several fragments fit in one query; it must be a
	 * plain identifier chosen by code. A null filter is {@code true}.
	 */
	public static SqlFragment compile(Filter filter, FieldCatalog catalog, LocalDate today, String prefix,
			String path) {
		if (!prefix.matches("[A-Za-z][A-Za-z0-9_]{0,30}")) {
			throw new IllegalArgumentException("bad parameter prefix " + prefix);
		}
		if (filter == null) {
			return new SqlFragment("true", Map.of());
		}
		Compilation compilation = new Compilation(catalog, today, prefix);
		String sql = compilation.group(filter, path, 1);
		return new SqlFragment(sql, compilation.params);
	}

	/**
	 * True when some condition depends on today's date: its value changes as days pass.
	 */
	public static boolean isRelative(Filter filter) {
		if (filter == null) {
			return false;
		}
		for (FilterNode node : filter.conditions()) {
			if (node instanceof Filter group && isRelative(group)) {
				return true;
			}
			if (node instanceof Condition condition && condition.op() != null
					&& (condition.op() == Op.WITHIN_LAST_DAYS || (condition.value() != null
							&& (condition.op() == Op.ON_OR_AFTER || condition.op() == Op.ON_OR_BEFORE)
							&& relativeDays(condition.value()) != null))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Days before today a relative date means ({@code today} = 0), or null when it is not
	 * relative.
	 */
	public static @Nullable Integer relativeDays(String value) {
		String text = value.strip().toLowerCase(Locale.ROOT);
		if (text.equals("today")) {
			return 0;
		}
		Matcher matcher = DAYS_AGO.matcher(text);
		if (matcher.matches()) {
			return Integer.valueOf(matcher.group(1));
		}
		matcher = MINUS_DAYS.matcher(text);
		if (matcher.matches()) {
			return Integer.valueOf(matcher.group(1));
		}
		return null;
	}

	private static final class Compilation {

		private final FieldCatalog catalog;

		private final LocalDate today;

		private final String prefix;

		private final Map<String, Object> params = new LinkedHashMap<>();

		private int conditions;

		Compilation(FieldCatalog catalog, LocalDate today, String prefix) {
			this.catalog = catalog;
			this.today = today;
			this.prefix = prefix;
		}

		String group(Filter filter, String path, int depth) {
			if (depth > MAX_DEPTH) {
				throw new InvalidInputException(path,
						path + ": groups are nested too deeply (at most " + MAX_DEPTH + " levels)");
			}
			if (filter.conditions().isEmpty()) {
				throw new InvalidInputException(path + ".conditions", path + ".conditions: the group is empty; add a "
						+ "condition (a rollup without conditions leaves out the filter)");
			}
			List<String> parts = new ArrayList<>();
			for (int i = 0; i < filter.conditions().size(); i++) {
				FilterNode node = filter.conditions().get(i);
				String at = path + ".conditions[" + i + "]";
				if (node == null) {
					throw new InvalidInputException(at, at + ": must be a condition or a group");
				}
				parts.add(
						node instanceof Filter nested ? group(nested, at, depth + 1) : condition((Condition) node, at));
			}
			String joiner = (filter.match() == Match.ANY) ? " or " : " and ";
			return parts.size() == 1 ? parts.get(0) : "(" + String.join(joiner, parts) + ")";
		}

		String condition(Condition condition, String path) {
			if (++this.conditions > MAX_CONDITIONS) {
				throw new InvalidInputException(path, path + ": too many conditions (at most " + MAX_CONDITIONS + ")");
			}
			if (condition.field() == null || condition.field().isBlank()) {
				throw new InvalidInputException(path + ".field",
						path + ".field: a field is required (known: " + String.join(", ", this.catalog.names()) + ")");
			}
			FieldCatalog.Field field = this.catalog.find(condition.field().strip())
				.orElseThrow(() -> new InvalidInputException(path + ".field",
						path + ".field: unknown field '" + Excerpts.of(condition.field(), 40) + "' (known: "
								+ String.join(", ", this.catalog.names()) + ")"));
			Op op = condition.op();
			if (op == null) {
				throw new InvalidInputException(path + ".op",
						path + ".op: an op is required (" + ops(field.type()) + " for " + field.name() + ")");
			}
			if (!field.type().ops().contains(op)) {
				throw new InvalidInputException(path + ".op",
						path + ".op: '" + op.value() + "' does not apply to " + field.name() + " (a "
								+ field.type().name().toLowerCase(Locale.ROOT) + " field takes " + ops(field.type())
								+ ")");
			}
			String value = condition.value() == null ? null : condition.value().strip();
			if (value == null || value.isEmpty()) {
				throw new InvalidInputException(path + ".value", path + ".value: a value is required");
			}
			if (value.length() > 200) {
				throw new InvalidInputException(path + ".value", path + ".value: at most 200 characters");
			}
			String expression = field.sql();
			String predicate;
			switch (field.type()) {
				case TEXT -> {
					String p = param(value);
					predicate = op == Op.EQ ? "lower(" + expression + ") = lower(" + p + ")"
							: "lower(" + expression + ") is distinct from lower(" + p + ")";
				}
				case STATUS -> {
					String word = value.toLowerCase(Locale.ROOT);
					if (!field.values().isEmpty() && !field.values().contains(word)) {
						throw new InvalidInputException(path + ".value", path + ".value: '" + Excerpts.of(value, 40)
								+ "' is not a " + field.name() + " (known: " + String.join(", ", field.values()) + ")");
					}
					String p = param(word);
					predicate = expression + (op == Op.EQ ? " = " : " is distinct from ") + p;
				}
				case MONEY, NUMBER -> {
					BigDecimal number;
					try {
						number = new BigDecimal(value);
					}
					catch (NumberFormatException ex) {
						throw new InvalidInputException(path + ".value",
								path + ".value: '" + Excerpts.of(value, 40) + "' is not a number");
					}
					if (field.type() == FieldType.NUMBER && number.stripTrailingZeros().scale() > 0) {
						throw new InvalidInputException(path + ".value", path + ".value: " + field.name()
								+ " takes a whole number, not '" + Excerpts.of(value, 40) + "'");
					}
					if (number.abs().compareTo(new BigDecimal("1e15")) > 0) {
						throw new InvalidInputException(path + ".value", path + ".value: the number is too large");
					}
					String p = param(number);
					predicate = expression + " " + switch (op) {
						case EQ -> "=";
						case NE -> "is distinct from";
						case GT -> ">";
						case GTE -> ">=";
						case LT -> "<";
						default -> "<=";
					} + " " + p;
				}
				default -> predicate = date(expression, op, value, path);
			}
			if (field.existsTemplate() != null) {
				if (op == Op.NE) {
					// "no item has X": the positive comparison inside, negated outside.
					String inner = predicate.replace(" is distinct from ", " = ");
					return "not " + field.existsTemplate().formatted(inner);
				}
				return field.existsTemplate().formatted(predicate);
			}
			return predicate;
		}

		private String date(String expression, Op op, String value, String path) {
			if (op == Op.WITHIN_LAST_DAYS) {
				int days;
				try {
					days = Integer.parseInt(value);
				}
				catch (NumberFormatException ex) {
					throw new InvalidInputException(path + ".value", path + ".value: within_last_days takes a whole "
							+ "number of days, not '" + Excerpts.of(value, 40) + "'");
				}
				if (days < 1 || days > MAX_DAYS) {
					throw new InvalidInputException(path + ".value",
							path + ".value: within_last_days takes 1 to " + MAX_DAYS + " days");
				}
				return "(" + expression + " >= " + param(startOf(this.today.minusDays(days - 1L))) + " and "
						+ expression + " < " + param(startOf(this.today.plusDays(1))) + ")";
			}
			LocalDate day;
			Integer ago = relativeDays(value);
			if (ago != null) {
				if (ago > MAX_DAYS) {
					throw new InvalidInputException(path + ".value",
							path + ".value: at most " + MAX_DAYS + " days ago");
				}
				day = this.today.minusDays(ago);
			}
			else {
				try {
					day = LocalDate.parse(value);
				}
				catch (DateTimeParseException ex) {
					throw new InvalidInputException(path + ".value", path + ".value: '" + Excerpts.of(value, 40)
							+ "' is not a date (use 2026-01-31, \"30 days ago\", -30d or today)");
				}
			}
			return op == Op.ON_OR_AFTER ? expression + " >= " + param(startOf(day))
					: expression + " < " + param(startOf(day.plusDays(1)));
		}

		private String param(Object value) {
			String name = this.prefix + "_" + (this.params.size() + 1);
			this.params.put(name, value);
			return ":" + name;
		}

		private static OffsetDateTime startOf(LocalDate day) {
			return DayRange.startOf(day).atOffset(ZoneOffset.UTC);
		}

		private static String ops(FieldType type) {
			return type.ops().stream().map(Op::value).collect(Collectors.joining(", "));
		}

	}

}
