package dev.partnerhub.automation.web;

import java.util.ArrayList;
import java.util.List;

import dev.partnerhub.automation.Rule;
import dev.partnerhub.automation.RuleAction;
import dev.partnerhub.automation.RuleDraft;
import dev.partnerhub.filters.ConditionRowsForm;
import dev.partnerhub.filters.Filter;
import org.jspecify.annotations.Nullable;

/**
 * The console's rule form: name, trigger (+ parameter), the visual condition builder (or
 * JSON in the advanced box; no condition = the rule always applies) and action rows (type
 * + parameter; blank rows are ignored, saving adds rows).
 */
public class RuleForm extends ConditionRowsForm {

	static final int MIN_ROWS = 3;

	private @Nullable String name;

	private boolean enabled = true;

	private String trigger = "rollup_changed";

	private @Nullable String triggerParam;

	private boolean everyCrossing;

	private List<ActionRow> actions = new ArrayList<>();

	// the rule's version when the form was loaded (optimistic locking)
	private @Nullable Long version;

	/** An action row. */
	public static class ActionRow {

		private @Nullable String type;

		private @Nullable String param;

		/** A tag typed in beside the picker (a new tag); wins over the picked value. */
		private @Nullable String newTag;

		public ActionRow() {
		}

		ActionRow(String type, String param) {
			this.type = type;
			this.param = param;
		}

		boolean blank() {
			return (this.type == null || this.type.isBlank()) && (this.param == null || this.param.isBlank())
					&& (this.newTag == null || this.newTag.isBlank());
		}

		String value() {
			return this.newTag != null && !this.newTag.isBlank() ? this.newTag : this.param;
		}

		public @Nullable String getNewTag() {
			return this.newTag;
		}

		public void setNewTag(@Nullable String newTag) {
			this.newTag = newTag;
		}

		public @Nullable String getType() {
			return this.type;
		}

		public void setType(@Nullable String type) {
			this.type = type;
		}

		public @Nullable String getParam() {
			return this.param;
		}

		public void setParam(@Nullable String param) {
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
		form.version = rule.version();
		form.load(rule.filter());
		for (RuleAction action : rule.actions()) {
			form.actions.add(new ActionRow(action.type().value(), action.param()));
		}
		form.pad();
		return form;
	}

	/** The field a new condition row starts with. */
	static final String DEFAULT_FIELD = "partnerStatus";

	boolean edit(String action) {
		return edit(action, DEFAULT_FIELD);
	}

	void pad() {
		long acts = this.actions.stream().filter(a -> !a.blank()).count();
		while (this.actions.size() < Math.max(MIN_ROWS, acts + 2)) {
			this.actions.add(new ActionRow());
		}
	}

	RuleDraft draft() {
		return new RuleDraft(this.name, this.enabled, this.trigger, this.triggerParam, filter(), this.everyCrossing,
				this.actions.stream()
					.filter(a -> a != null && !a.blank())
					.map(a -> new RuleDraft.ActionDraft(a.type, a.value()))
					.toList());
	}

	public @Nullable String getName() {
		return this.name;
	}

	public void setName(@Nullable String name) {
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

	public @Nullable String getTriggerParam() {
		return this.triggerParam;
	}

	public void setTriggerParam(@Nullable String triggerParam) {
		this.triggerParam = triggerParam;
	}

	public boolean isEveryCrossing() {
		return this.everyCrossing;
	}

	public void setEveryCrossing(boolean everyCrossing) {
		this.everyCrossing = everyCrossing;
	}

	public @Nullable Long getVersion() {
		return this.version;
	}

	public void setVersion(@Nullable Long version) {
		this.version = version;
	}

	public List<ActionRow> getActions() {
		return this.actions;
	}

	public void setActions(List<ActionRow> actions) {
		this.actions = actions == null ? new ArrayList<>() : actions;
	}

}
