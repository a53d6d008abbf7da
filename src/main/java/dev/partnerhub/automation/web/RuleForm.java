package dev.partnerhub.automation.web;

import java.util.ArrayList;
import java.util.List;

import dev.partnerhub.automation.Rule;
import dev.partnerhub.automation.RuleAction;
import dev.partnerhub.automation.RuleDraft;
import dev.partnerhub.rollups.Condition;
import dev.partnerhub.rollups.Filter;
import dev.partnerhub.rollups.FilterJson;
import dev.partnerhub.rollups.FilterNode;
import dev.partnerhub.rollups.Match;
import dev.partnerhub.rollups.Op;
import dev.partnerhub.support.InvalidInputException;

/**
 * The console's rule form: name, trigger (+ parameter), the groups' condition builder (rows joined by all/any, or
 * nested JSON in the advanced box) and action rows (type + parameter; blank rows are ignored, saving adds rows).
 */
public class RuleForm {

	static final int MIN_ROWS = 3;

	private String name;

	private boolean enabled = true;

	private String trigger = "rollup_changed";

	private String triggerParam;

	private boolean everyCrossing;

	private String match = "all";

	private List<Row> rows = new ArrayList<>();

	private String json;

	private List<ActionRow> actions = new ArrayList<>();

	/** A condition row (same shape as the groups builder). */
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

	/** An action row. */
	public static class ActionRow {

		private String type;

		private String param;

		public ActionRow() {
		}

		ActionRow(String type, String param) {
			this.type = type;
			this.param = param;
		}

		boolean blank() {
			return (this.type == null || this.type.isBlank()) && (this.param == null || this.param.isBlank());
		}

		public String getType() {
			return this.type;
		}

		public void setType(String type) {
			this.type = type;
		}

		public String getParam() {
			return this.param;
		}

		public void setParam(String param) {
			this.param = param;
		}

	}

	static RuleForm empty() {
		RuleForm form = new RuleForm();
		form.pad();
		return form;
	}

	static RuleForm of(Rule rule) {
		RuleForm form = new RuleForm();
		form.name = rule.name();
		form.enabled = rule.enabled();
		form.trigger = rule.trigger() == null ? null : rule.trigger().value();
		form.triggerParam = rule.triggerParam();
		form.everyCrossing = rule.everyCrossing();
		Filter filter = rule.filter();
		if (filter != null) {
			form.match = (filter.match() == null ? Match.ALL : filter.match()).value();
			if (filter.conditions().stream().allMatch(node -> node instanceof Condition)) {
				for (FilterNode node : filter.conditions()) {
					Condition c = (Condition) node;
					form.rows.add(new Row(c.field(), c.op() == null ? null : c.op().value(), c.value()));
				}
			}
			else {
				form.json = FilterJson.toJson(filter);
			}
		}
		for (RuleAction action : rule.actions()) {
			form.actions.add(new ActionRow(action.type().value(), action.param()));
		}
		form.pad();
		return form;
	}

	void pad() {
		long filled = this.rows.stream().filter(r -> !r.blank()).count();
		while (this.rows.size() < Math.max(MIN_ROWS, filled + 2)) {
			this.rows.add(new Row());
		}
		long acts = this.actions.stream().filter(a -> !a.blank()).count();
		while (this.actions.size() < Math.max(MIN_ROWS, acts + 2)) {
			this.actions.add(new ActionRow());
		}
	}

	RuleDraft draft() {
		return new RuleDraft(this.name, this.enabled, this.trigger, this.triggerParam, filter(), this.everyCrossing,
				this.actions.stream()
					.filter(a -> a != null && !a.blank())
					.map(a -> new RuleDraft.ActionDraft(a.type, a.param))
					.toList());
	}

	Filter filter() {
		if (this.json != null && !this.json.isBlank()) {
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
			if (row.op != null && !row.op.isBlank()) {
				try {
					op = Op.of(row.op);
				}
				catch (IllegalArgumentException ex) {
					throw new InvalidInputException("rows[" + i + "].op", "Condition " + (i + 1) + ": " + ex.getMessage());
				}
			}
			conditions.add(new Condition(row.field == null ? null : row.field.strip(), op, row.value));
		}
		return conditions.isEmpty() ? null : new Filter(joined, conditions);
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getTrigger() {
		return this.trigger;
	}

	public void setTrigger(String trigger) {
		this.trigger = trigger;
	}

	public String getTriggerParam() {
		return this.triggerParam;
	}

	public void setTriggerParam(String triggerParam) {
		this.triggerParam = triggerParam;
	}

	public boolean isEveryCrossing() {
		return this.everyCrossing;
	}

	public void setEveryCrossing(boolean everyCrossing) {
		this.everyCrossing = everyCrossing;
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

	public List<ActionRow> getActions() {
		return this.actions;
	}

	public void setActions(List<ActionRow> actions) {
		this.actions = actions == null ? new ArrayList<>() : actions;
	}

}
