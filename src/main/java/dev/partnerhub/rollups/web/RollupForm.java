package dev.partnerhub.rollups.web;

import java.util.ArrayList;
import java.util.List;

import dev.partnerhub.rollups.Condition;
import dev.partnerhub.rollups.Filter;
import dev.partnerhub.rollups.FilterNode;
import dev.partnerhub.rollups.Match;
import dev.partnerhub.rollups.Op;
import dev.partnerhub.rollups.Relationship;
import dev.partnerhub.rollups.RollupField;
import dev.partnerhub.rollups.RollupFunction;
import dev.partnerhub.rollups.domain.RollupDraft;
import dev.partnerhub.support.InvalidInputException;

/**
 * The console's rollup form. The filter tree is a flat list of rows in pre-order, each with its depth: row 0 is the
 * top-level group; a group's children are the rows after it that are deeper, until the depth returns to its own.
 * Buttons post the whole form with {@code action} = {@code save}, {@code refresh}, {@code addCondition:i},
 * {@code addGroup:i} or {@code remove:i}, so the builder works without scripts.
 */
public class RollupForm {

	/** One row of the builder: a group (match) or a condition (field, op, value). */
	public static class Row {

		private String kind = "condition";

		private int depth;

		private String match = "all";

		private String field;

		private String op;

		private String value;

		/** The filter path the row became (filter.conditions[1]), to put validation messages beside it. */
		private String path;

		private String error;

		public Row() {
		}

		static Row group(int depth, String match) {
			Row row = new Row();
			row.kind = "group";
			row.depth = depth;
			row.match = match;
			return row;
		}

		static Row condition(int depth, String field, String op, String value) {
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

	/** Rows at most (a guard against a forged form). */
	static final int MAX_ROWS = 200;

	private String name;

	private String function = "sum";

	private String relationship = "commissions_earned";

	private String field = "amount";

	private List<Row> rows = new ArrayList<>(List.of(Row.group(0, "all")));

	public static RollupForm of(RollupField definition) {
		RollupForm form = new RollupForm();
		form.name = definition.name();
		form.function = definition.function().value();
		form.relationship = definition.relationship().value();
		form.field = definition.field();
		form.rows = new ArrayList<>();
		Filter filter = definition.filter() == null ? Filter.none() : definition.filter();
		flatten(filter, 0, form.rows);
		return form;
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

	/** Applies an add/remove button; false when {@code action} is not one. */
	boolean edit(String action) {
		normalise();
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
		if (index < 0 || index >= this.rows.size()) {
			return false;
		}
		Row target = this.rows.get(index);
		int end = endOf(index);
		switch (verb) {
			case "addCondition" -> {
				if (target.isGroup() && this.rows.size() < MAX_ROWS) {
					this.rows.add(end, Row.condition(target.depth + 1, defaultField(), "eq", ""));
				}
			}
			case "addGroup" -> {
				if (target.isGroup() && this.rows.size() < MAX_ROWS - 1) {
					this.rows.add(end, Row.group(target.depth + 1, "any"));
					this.rows.add(end + 1, Row.condition(target.depth + 2, defaultField(), "eq", ""));
				}
			}
			case "remove" -> {
				if (index > 0) {
					this.rows.subList(index, end).clear();
				}
			}
			default -> {
				return false;
			}
		}
		return true;
	}

	/** Index after the last descendant of row {@code index}. */
	private int endOf(int index) {
		int depth = this.rows.get(index).depth;
		int end = index + 1;
		while (end < this.rows.size() && this.rows.get(end).depth > depth) {
			end++;
		}
		return end;
	}

	/** Row 0 is always the top group; depths never jump by more than one; too many rows are cut. */
	private void normalise() {
		if (this.rows == null) {
			this.rows = new ArrayList<>();
		}
		this.rows.removeIf(java.util.Objects::isNull);
		if (this.rows.size() > MAX_ROWS) {
			this.rows = new ArrayList<>(this.rows.subList(0, MAX_ROWS));
		}
		if (this.rows.isEmpty() || !this.rows.get(0).isGroup() || this.rows.get(0).depth != 0) {
			this.rows.add(0, Row.group(0, "all"));
		}
		int previous = 0;
		for (int i = 1; i < this.rows.size(); i++) {
			Row row = this.rows.get(i);
			int allowed = this.rows.get(i - 1).isGroup() ? previous + 1 : previous;
			row.depth = Math.max(1, Math.min(row.depth, allowed));
			previous = row.depth;
		}
	}

	private String defaultField() {
		try {
			return Relationship.of(this.relationship).catalog().names().get(0);
		}
		catch (IllegalArgumentException ex) {
			return "status";
		}
	}

	/** The draft to validate; unparseable function/relationship/op become InvalidInputException on that field. */
	RollupDraft draft() {
		normalise();
		RollupFunction fn = parse("function", this.function, RollupFunction::of);
		Relationship rel = parse("relationship", this.relationship, Relationship::of);
		int[] index = { 1 };
		List<FilterNode> top = children(0, "filter", index);
		Filter filter = top.isEmpty() ? null
				: new Filter(match(this.rows.get(0).match, "filter.match"), top);
		this.rows.get(0).path = "filter";
		return new RollupDraft(this.name, fn, rel, fn == RollupFunction.COUNT ? null : this.field, filter);
	}

	private List<FilterNode> children(int depth, String path, int[] index) {
		List<FilterNode> nodes = new ArrayList<>();
		while (index[0] < this.rows.size() && this.rows.get(index[0]).depth > depth) {
			Row row = this.rows.get(index[0]);
			String at = path + ".conditions[" + nodes.size() + "]";
			row.path = at;
			index[0]++;
			if (row.isGroup()) {
				List<FilterNode> inner = children(row.depth, at, index);
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

	/** The row an error field names (or its nearest enclosing row). */
	Row rowFor(String errorField) {
		if (errorField == null) {
			return null;
		}
		String path = errorField;
		while (!path.isEmpty()) {
			for (Row row : this.rows) {
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

	private static <T> T parse(String name, String value, java.util.function.Function<String, T> parser) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return parser.apply(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException(name, ex.getMessage());
		}
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getFunction() {
		return this.function;
	}

	public void setFunction(String function) {
		this.function = function;
	}

	public String getRelationship() {
		return this.relationship;
	}

	public void setRelationship(String relationship) {
		this.relationship = relationship;
	}

	public String getField() {
		return this.field;
	}

	public void setField(String field) {
		this.field = field;
	}

	public List<Row> getRows() {
		return this.rows;
	}

	public void setRows(List<Row> rows) {
		this.rows = rows;
	}

}
