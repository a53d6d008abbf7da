package dev.partnerhub.filters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.partnerhub.support.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * The console's visual condition builder as form rows, shared by every form that edits a
 * {@link Filter} (rollup fields, partner-center list blocks; markup in
 * {@code fragments/conditions.html}). The filter tree is a flat list of rows in
 * pre-order, each with its depth: row 0 is the top-level group; a group's children are
 * the rows after it that are deeper, until the depth returns to its own. Buttons post the
 * whole form with {@code action} = {@code addCondition:i}, {@code addGroup:i} or
 * {@code remove:i} ({@link #edit}), so the builder works without scripts.
 */
public final class FilterRows {

	/** Rows at most (a guard against a forged form). */
	public static final int MAX_ROWS = 200;

	private FilterRows() {
	}

	/** One row of the builder: a group (match) or a condition (field, op, value). */
	public static class Row {

		private String kind = "condition";

		private int depth;

		private String match = "all";

		private String field;

		private String op;

		private String value;

		/**
		 * The filter path the row became (filter.conditions[1]), to put validation
		 * messages beside it.
		 */
		private String path;

		private String error;

		public Row() {
		}

		public static Row group(int depth, String match) {
			Row row = new Row();
			row.kind = "group";
			row.depth = depth;
			row.match = match;
			return row;
		}

		public static Row condition(int depth, String field, String op, String value) {
			Row row = new Row();
			row.depth = depth;
			row.field = field;
			row.op = op;
			row.value = value;
			return row;
		}

		public boolean isGroup() {
			return "group".equals(this.kind);
		}

		public String getKind() {
			return this.kind;
		}

		public void setKind(String kind) {
			this.kind = kind;
		}

		public int getDepth() {
			return this.depth;
		}

		public void setDepth(int depth) {
			this.depth = Math.max(0, Math.min(depth, 10));
		}

		public String getMatch() {
			return this.match;
		}

		public void setMatch(String match) {
			this.match = match;
		}

		public String getField() {
			return this.field;
		}

		public void setField(String field) {
			this.field = field;
		}

		public String getOp() {
			return this.op;
		}

		public void setOp(String op) {
			this.op = op;
		}

		public String getValue() {
			return this.value;
		}

		public void setValue(String value) {
			this.value = value;
		}

		public String getPath() {
			return this.path;
		}

		public String getError() {
			return this.error;
		}

		public void setError(String error) {
			this.error = error;
		}

	}

	/** A new builder: the top group (all) and nothing in it. */
	public static List<Row> empty() {
		return new ArrayList<>(List.of(Row.group(0, "all")));
	}

	/** The rows of a stored filter ({@code null} = no conditions). */
	public static List<Row> of(Filter filter) {
		List<Row> rows = new ArrayList<>();
		flatten(filter == null ? Filter.none() : filter, 0, rows);
		return rows;
	}

	private static void flatten(FilterNode node, int depth, List<Row> rows) {
		if (node instanceof Filter group) {
			rows.add(Row.group(depth, (group.match() == null ? Match.ALL : group.match()).value()));
			group.conditions().forEach(child -> flatten(child, depth + 1, rows));
		}
		else if (node instanceof Condition c) {
			rows.add(Row.condition(depth, c.field(), c.op() == null ? null : c.op().value(), c.value()));
		}
	}

	/**
	 * The rows a form without data binding posted as
	 * {@code <prefix>[i].kind|depth|match|field|op|value} (e.g. a
	 * {@code @RequestParam Map}); indexes may have gaps, at most {@link #MAX_ROWS}.
	 */
	public static List<Row> fromParams(Map<String, String> params, String prefix) {
		java.util.TreeMap<Integer, Row> byIndex = new java.util.TreeMap<>();
		String start = prefix + "[";
		for (Map.Entry<String, String> entry : params.entrySet()) {
			String key = entry.getKey();
			if (!key.startsWith(start)) {
				continue;
			}
			int close = key.indexOf("].", start.length());
			if (close < 0) {
				continue;
			}
			int index;
			try {
				index = Integer.parseInt(key.substring(start.length(), close));
			}
			catch (NumberFormatException ex) {
				continue;
			}
			if (index < 0 || index >= MAX_ROWS) {
				continue;
			}
			Row row = byIndex.computeIfAbsent(index, i -> new Row());
			String value = entry.getValue() == null ? null : entry.getValue().strip();
			switch (key.substring(close + 2)) {
				case "kind" -> row.setKind(value);
				case "depth" -> {
					try {
						row.setDepth(Integer.parseInt(value));
					}
					catch (NumberFormatException ex) {
						row.setDepth(1);
					}
				}
				case "match" -> row.setMatch(value);
				case "field" -> row.setField(value == null || value.isEmpty() ? null : value);
				case "op" -> row.setOp(value == null || value.isEmpty() ? null : value);
				case "value" -> row.setValue(value);
				default -> {
					// unknown part: ignored
				}
			}
		}
		return normalise(new ArrayList<>(byIndex.values()));
	}

	/**
	 * Row 0 is always the top group; depths never jump by more than one; too many rows
	 * are cut.
	 */
	public static List<Row> normalise(List<Row> input) {
		List<Row> rows = input == null ? new ArrayList<>() : new ArrayList<>(input);
		rows.removeIf(Objects::isNull);
		if (rows.size() > MAX_ROWS) {
			rows = new ArrayList<>(rows.subList(0, MAX_ROWS));
		}
		if (rows.isEmpty() || !rows.get(0).isGroup() || rows.get(0).depth != 0) {
			rows.add(0, Row.group(0, "all"));
		}
		int previous = 0;
		for (int i = 1; i < rows.size(); i++) {
			Row row = rows.get(i);
			int allowed = rows.get(i - 1).isGroup() ? previous + 1 : previous;
			row.depth = Math.max(1, Math.min(row.depth, allowed));
			previous = row.depth;
		}
		return rows;
	}

	/**
	 * Applies an add/remove button to normalised, mutable {@code rows}; false when
	 * {@code action} is not one. New conditions name {@code defaultField}.
	 */
	public static boolean edit(List<Row> rows, String action, String defaultField) {
		if (action == null || !action.contains(":")) {
			return false;
		}
		String verb = action.substring(0, action.indexOf(':'));
		int index;
		try {
			index = Integer.parseInt(action.substring(action.indexOf(':') + 1));
		}
		catch (NumberFormatException ex) {
			return false;
		}
		if (index < 0 || index >= rows.size()) {
			return false;
		}
		Row target = rows.get(index);
		int end = endOf(rows, index);
		switch (verb) {
			case "addCondition" -> {
				if (target.isGroup() && rows.size() < MAX_ROWS) {
					rows.add(end, Row.condition(target.depth + 1, defaultField, "eq", ""));
				}
			}
			case "addGroup" -> {
				if (target.isGroup() && rows.size() < MAX_ROWS - 1) {
					rows.add(end, Row.group(target.depth + 1, "any"));
					rows.add(end + 1, Row.condition(target.depth + 2, defaultField, "eq", ""));
				}
			}
			case "remove" -> {
				if (index > 0) {
					rows.subList(index, end).clear();
				}
			}
			default -> {
				return false;
			}
		}
		return true;
	}

	/** Index after the last descendant of row {@code index}. */
	private static int endOf(List<Row> rows, int index) {
		int depth = rows.get(index).depth;
		int end = index + 1;
		while (end < rows.size() && rows.get(end).depth > depth) {
			end++;
		}
		return end;
	}

	/**
	 * The filter the normalised rows describe, or {@code null} when they hold no
	 * condition. Each row learns its path ({@code filter.conditions[0]}) so
	 * {@link #rowFor} can put a validation message beside it; an unknown operator or
	 * match is an {@link InvalidInputException} on that path. Validate the result with
	 * {@link FilterCompiler}.
	 */
	public static Filter toFilter(List<Row> rows) {
		int[] index = { 1 };
		List<FilterNode> top = children(rows, 0, "filter", index);
		rows.get(0).path = "filter";
		return top.isEmpty() ? null : new Filter(match(rows.get(0).match, "filter.match"), top);
	}

	private static List<FilterNode> children(List<Row> rows, int depth, String path, int[] index) {
		List<FilterNode> nodes = new ArrayList<>();
		while (index[0] < rows.size() && rows.get(index[0]).depth > depth) {
			Row row = rows.get(index[0]);
			String at = path + ".conditions[" + nodes.size() + "]";
			row.path = at;
			index[0]++;
			if (row.isGroup()) {
				List<FilterNode> inner = children(rows, row.depth, at, index);
				nodes.add(new Filter(match(row.match, at + ".match"), inner));
			}
			else {
				Op op = null;
				if (row.op != null && !row.op.isBlank()) {
					try {
						op = Op.of(row.op);
					}
					catch (IllegalArgumentException ex) {
						throw new InvalidInputException(at + ".op", at + ".op: " + ex.getMessage());
					}
				}
				nodes.add(new Condition(row.field, op, row.value));
			}
		}
		return nodes;
	}

	/**
	 * The row an error field names (or its nearest enclosing row); call after
	 * {@link #toFilter}.
	 */
	public static @Nullable Row rowFor(List<Row> rows, String errorField) {
		if (errorField == null) {
			return null;
		}
		String path = errorField;
		while (!path.isEmpty()) {
			for (Row row : rows) {
				if (path.equals(row.path)) {
					return row;
				}
			}
			int dot = path.lastIndexOf('.');
			path = dot < 0 ? "" : path.substring(0, dot);
		}
		return null;
	}

	private static Match match(String match, String path) {
		try {
			return match == null || match.isBlank() ? Match.ALL : Match.of(match);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException(path, path + ": " + ex.getMessage());
		}
	}

}
