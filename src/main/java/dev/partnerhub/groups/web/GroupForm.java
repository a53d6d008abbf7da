package dev.partnerhub.groups.web;

import java.util.ArrayList;
import java.util.List;

import dev.partnerhub.rollups.Condition;
import dev.partnerhub.rollups.Filter;
import dev.partnerhub.rollups.FilterJson;
import dev.partnerhub.rollups.FilterNode;
import dev.partnerhub.rollups.Match;
import dev.partnerhub.rollups.Op;
import dev.partnerhub.support.InvalidInputException;

/**
 * The console's group form: a name and a condition builder — rows of field / operator / value joined by
 * {@code match} (all = AND, any = OR). Nested groups (AND of ORs) are written in the advanced JSON box, which wins
 * when filled in; a saved nested filter opens there.
 */
public class GroupForm {

	static final int MIN_ROWS = 5;

	private String name;

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

		Row(String field, String op, String value) {
			this.field = field;
			this.op = op;
			this.value = value;
		}

		boolean blank() {
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

	static GroupForm empty() {
		GroupForm form = new GroupForm();
		form.padRows();
		return form;
	}

	static GroupForm of(String name, Filter filter) {
		GroupForm form = new GroupForm();
		form.name = name;
		form.match = (filter.match() == null ? Match.ALL : filter.match()).value();
		boolean flat = filter.conditions().stream().allMatch(node -> node instanceof Condition);
		if (flat) {
			for (FilterNode node : filter.conditions()) {
				Condition c = (Condition) node;
				form.rows.add(new Row(c.field(), c.op() == null ? null : c.op().value(), c.value()));
			}
		}
		else {
			form.json = FilterJson.toJson(filter);
		}
		form.padRows();
		return form;
	}

	/** Enough empty rows to add conditions (no script needed). */
	void padRows() {
		while (this.rows.size() < Math.max(MIN_ROWS, countFilled() + 2)) {
			this.rows.add(new Row());
		}
	}

	private long countFilled() {
		return this.rows.stream().filter(row -> !row.blank()).count();
	}

	boolean usesJson() {
		return this.json != null && !this.json.isBlank();
	}

	/**
	 * The filter; {@code rowOfCondition} receives, per condition index, the row it came from (for error messages).
	 */
	Filter filter(List<Integer> rowOfCondition) {
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
					throw new InvalidInputException("rows[" + i + "].op", ex.getMessage());
				}
			}
			rowOfCondition.add(i);
			conditions.add(new Condition(row.getField() == null ? null : row.getField().strip(), op, row.getValue()));
		}
		return new Filter(joined, conditions);
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
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
