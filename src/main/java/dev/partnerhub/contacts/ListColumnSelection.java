package dev.partnerhub.contacts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * The extra columns a contact or partner list was asked for ({@code cols=rollup:7}), read
 * forgivingly against {@link ContactListColumns}: unknown keys are dropped, at most
 * {@value #MAX_COLUMNS} columns, and an "at least / at most" filter on one column
 * ({@code filterBy=rollup:7&atLeast=100&atMost=500}; a bad number is ignored with a note
 * in {@link #problems()}). Carries the SQL pieces the list's query adds: joins, select
 * expressions, sort expressions and the WHERE condition, all with parameters prefixed
 * {@code col_}.
 */
public final class ListColumnSelection {

	/** Each column is one indexed join. */
	public static final int MAX_COLUMNS = 6;

	private static final ListColumnSelection NONE = new ListColumnSelection();

	private final List<ContactListColumns.Column> columns = new ArrayList<>();

	private final List<String> valueSql = new ArrayList<>();

	private final Map<String, String> sortSql = new HashMap<>();

	private final StringBuilder joins = new StringBuilder();

	private final Map<String, Object> params = new HashMap<>();

	private final List<String> problems = new ArrayList<>();

	private ContactListColumns.Column filterColumn;

	private BigDecimal atLeast;

	private BigDecimal atMost;

	private String where;

	private ListColumnSelection() {
	}

	public static ListColumnSelection none() {
		return NONE;
	}

	/**
	 * Reads the request's column parameters; {@code available} may be null (no columns
	 * module), {@code contactIdSql} is the list query's contact id expression (code).
	 */
	public static ListColumnSelection of(ContactListColumns available, List<String> cols, String filterBy,
			String atLeast, String atMost, String contactIdSql) {
		if (available == null) {
			return NONE;
		}
		ListColumnSelection selection = new ListColumnSelection();
		Map<String, ContactListColumns.Column> known = new LinkedHashMap<>();
		available.columns().forEach(c -> known.put(c.key(), c));
		for (String key : cols == null ? List.<String>of() : cols) {
			ContactListColumns.Column column = key == null ? null : known.get(key.strip());
			if (column != null && !selection.columns.contains(column) && selection.columns.size() < MAX_COLUMNS) {
				available.value(column.key(), contactIdSql, "col_" + selection.columns.size()).ifPresent(value -> {
					selection.add(value);
					selection.columns.add(column);
					selection.valueSql.add(value.sql());
					selection.sortSql.put(column.key(), value.sql());
				});
			}
		}
		BigDecimal min = number(atLeast, "at least", selection.problems);
		BigDecimal max = number(atMost, "at most", selection.problems);
		ContactListColumns.Column filter = filterBy == null ? null : known.get(filterBy.strip());
		if (filter != null) {
			int index = selection.columns.indexOf(filter);
			String sql = index >= 0 ? selection.valueSql.get(index)
					: available.value(filter.key(), contactIdSql, "col_f").map(value -> {
						selection.add(value);
						return value.sql();
					}).orElse(null);
			List<String> conditions = new ArrayList<>();
			if (sql != null && min != null) {
				conditions.add(sql + " >= :col_at_least");
				selection.params.put("col_at_least", min);
			}
			if (sql != null && max != null) {
				conditions.add(sql + " <= :col_at_most");
				selection.params.put("col_at_most", max);
			}
			selection.filterColumn = filter;
			selection.atLeast = min;
			selection.atMost = max;
			selection.where = conditions.isEmpty() ? null : String.join(" and ", conditions);
		}
		else if (min != null || max != null) {
			selection.problems.add("Choose the column the “at least / at most” filter applies to.");
		}
		return selection;
	}

	private void add(ContactListColumns.Value value) {
		this.joins.append(value.join()).append('\n');
		this.params.putAll(value.params());
	}

	private static @Nullable BigDecimal number(String text, String label, List<String> problems) {
		String value = text == null ? "" : text.replaceAll("\\p{Cntrl}", "").strip();
		if (value.isEmpty()) {
			return null;
		}
		if (value.length() > 30) {
			value = value.substring(0, 30);
		}
		BigDecimal number;
		try {
			number = new BigDecimal(value);
		}
		catch (NumberFormatException ex) {
			problems.add("'" + value + "' is not a number; the “" + label + "” filter was ignored.");
			return null;
		}
		// "1e999999999" parses but overflows PostgreSQL's numeric (a 500): keep to what a
		// value column can hold
		if (number.precision() - number.scale() > 17 || number.scale() > 10) {
			problems.add("'" + value + "' is out of range; the “" + label + "” filter was ignored.");
			return null;
		}
		return number;
	}

	/** The chosen columns, in order. */
	public List<ContactListColumns.Column> columns() {
		return List.copyOf(this.columns);
	}

	/** Column keys, for the chooser's checked boxes. */
	public List<String> keys() {
		return this.columns.stream().map(ContactListColumns.Column::key).toList();
	}

	/**
	 * Whether the list needs its SQL with these pieces (some column or filter chosen).
	 */
	public boolean active() {
		return !this.columns.isEmpty() || this.where != null;
	}

	/** LEFT JOINs to append after the list's FROM (each matches at most one row). */
	public String joins() {
		return this.joins.toString();
	}

	/** {@code , <value> as col_0_value, ...} to append to the list's SELECT. */
	public String selectSql() {
		StringBuilder sql = new StringBuilder();
		for (int i = 0; i < this.valueSql.size(); i++) {
			sql.append(", ").append(this.valueSql.get(i)).append(" as col_").append(i).append("_value");
		}
		return sql.toString();
	}

	/** The chosen columns' values of the current row, in column order. */
	public List<BigDecimal> values(java.sql.ResultSet rs) throws java.sql.SQLException {
		List<BigDecimal> values = new ArrayList<>(this.columns.size());
		for (int i = 0; i < this.columns.size(); i++) {
			values.add(rs.getBigDecimal("col_" + i + "_value"));
		}
		return values;
	}

	/**
	 * The value expression to ORDER BY for a chosen column's key; empty for anything
	 * else.
	 */
	public Optional<String> sortSql(String key) {
		return Optional.ofNullable(this.sortSql.get(key));
	}

	public boolean sortable(String key) {
		return this.sortSql.containsKey(key);
	}

	/** The filter's condition (to AND into the WHERE clause), or null. */
	public String where() {
		return this.where;
	}

	public Map<String, Object> params() {
		return Map.copyOf(this.params);
	}

	public List<String> problems() {
		return List.copyOf(this.problems);
	}

	public String filterKey() {
		return this.filterColumn == null ? "" : this.filterColumn.key();
	}

	public String atLeastText() {
		return this.atLeast == null ? "" : this.atLeast.toPlainString();
	}

	public String atMostText() {
		return this.atMost == null ? "" : this.atMost.toPlainString();
	}

	/**
	 * Adds this selection's parameters to a list link (paging and sort links keep the
	 * columns).
	 */
	public void addTo(UriComponentsBuilder link) {
		this.columns.forEach(c -> link.queryParam("cols", c.key()));
		if (this.filterColumn != null) {
			link.queryParam("filterBy", this.filterColumn.key());
			param(this.atLeast, v -> link.queryParam("atLeast", v));
			param(this.atMost, v -> link.queryParam("atMost", v));
		}
	}

	private static void param(BigDecimal value, Consumer<String> add) {
		if (value != null) {
			add.accept(value.toPlainString());
		}
	}

	/** The values formatted for a page or CSV, in column order. */
	public List<String> formatted(List<BigDecimal> values) {
		List<String> cells = new ArrayList<>(this.columns.size());
		for (int i = 0; i < this.columns.size(); i++) {
			cells.add(this.columns.get(i).format(i < values.size() ? values.get(i) : null));
		}
		return cells;
	}

}
