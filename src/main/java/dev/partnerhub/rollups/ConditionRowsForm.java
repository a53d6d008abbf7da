package dev.partnerhub.rollups;

import java.util.ArrayList;
import java.util.List;

import dev.partnerhub.support.InvalidInputException;

/**
 * The console's flat condition builder, shared by the forms that take a filter (groups, rules, partner-center
 * lists): rows of field / operator / value joined by {@code match} (all = AND, any = OR), and an advanced JSON box
 * for nested filters, which wins when filled in. A saved nested filter opens in the JSON box. Blank rows are
 * ignored and {@link #padRows(int)} keeps empty ones at hand, so adding a condition needs no script.
 */
public abstract class ConditionRowsForm {

	private String match = "all";

	private List<Row> rows = new ArrayList<>();

	private String json;

	/** One condition row; blank rows are ignored. */
	public static class Row {

		private String field;

		private String op;

		private String value;

		public Row() {
		}

		public Row(String field, String op, String value) {
			this.field = field;
			this.op = op;
			this.value = value;
		}

		public boolean blank() {
			return (this.field == null || this.field.isBlank()) && (this.value == null || this.value.isBlank());
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

	}

	/** Fills the builder from a saved filter: flat filters as rows, nested ones in the JSON box. */
	protected void load(Filter filter) {
		if (filter == null) {
			return;
		}
		this.match = (filter.match() == null ? Match.ALL : filter.match()).value();
		if (filter.conditions().stream().allMatch(node -> node instanceof Condition)) {
			for (FilterNode node : filter.conditions()) {
				Condition c = (Condition) node;
				this.rows.add(new Row(c.field(), c.op() == null ? null : c.op().value(), c.value()));
			}
		}
		else {
			this.json = FilterJson.toJson(filter);
		}
	}

	/** Enough empty rows to add conditions: at least {@code min}, and two more than are filled. */
	public void padRows(int min) {
		long filled = this.rows.stream().filter(row -> row != null && !row.blank()).count();
		while (this.rows.size() < Math.max(min, filled + 2)) {
			this.rows.add(new Row());
		}
	}

	public boolean usesJson() {
		return this.json != null && !this.json.isBlank();
	}

	/**
	 * The filter the form describes (possibly with no conditions); {@code rowOfCondition} receives, per condition
	 * index, the row it came from, to put validation messages beside it. Bad JSON, match or operator is an
	 * InvalidInputException naming the form field.
	 */
	public Filter filter(List<Integer> rowOfCondition) {
		if (usesJson()) {
			return FilterJson.parse(this.json, "filter");
		}
		Match joined;
		try {
			joined = Match.of(this.match == null ? "all" : this.match);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("match", ex.getMessage());
		}
		List<FilterNode> conditions = new ArrayList<>();
		for (int i = 0; i < this.rows.size(); i++) {
			Row row = this.rows.get(i);
			if (row == null || row.blank()) {
				continue;
			}
			Op op = null;
			if (row.getOp() != null && !row.getOp().isBlank()) {
				try {
					op = Op.of(row.getOp());
				}
				catch (IllegalArgumentException ex) {
					throw new InvalidInputException("rows[" + i + "].op", "Condition " + (i + 1) + ": " + ex.getMessage());
				}
			}
			rowOfCondition.add(i);
			conditions.add(new Condition(row.getField() == null ? null : row.getField().strip(), op, row.getValue()));
		}
		return new Filter(joined, conditions);
	}

	public String getMatch() {
		return this.match;
	}

	public void setMatch(String match) {
		this.match = match;
	}

	public List<Row> getRows() {
		return this.rows;
	}

	public void setRows(List<Row> rows) {
		this.rows = rows == null ? new ArrayList<>() : rows;
	}

	public String getJson() {
		return this.json;
	}

	public void setJson(String json) {
		this.json = json;
	}

}
