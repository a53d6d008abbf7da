package dev.partnerhub.automation.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.partnerhub.automation.Rule;
import dev.partnerhub.automation.RuleAction;
import dev.partnerhub.automation.RuleActionType;
import dev.partnerhub.automation.RuleTrigger;
import dev.partnerhub.filters.FilterJson;
import dev.partnerhub.support.Jsonb;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.InsertOnlyProperty;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;
import org.jspecify.annotations.Nullable;

/**
 * A rule with its ordered actions ({@code automation_rule_action.position} is the list
 * index; the actions are replaced as a whole on save). {@code last_daily_on} is not
 * mapped: the daily run claims a rule with its own conditional update, which a save
 * leaves alone.
 */
@Table("automation_rule")
class AutomationRule {

	@Id
	private @Nullable Long id;

	private String name;

	private boolean enabled;

	private String triggerType;

	private @Nullable String triggerParam;

	private @Nullable Jsonb filter;

	private String repeatMode;

	@InsertOnlyProperty
	private Instant createdAt;

	private Instant updatedAt;

	@MappedCollection(idColumn = "rule_id", keyColumn = "position")
	private List<Action> actions = new ArrayList<>();

	@Version
	private @Nullable Long version;

	protected AutomationRule() {
	}

	AutomationRule(RuleValidation.Valid valid, Instant now) {
		this.createdAt = now;
		apply(valid, now);
	}

	void apply(RuleValidation.Valid valid, Instant now) {
		this.name = valid.name();
		this.enabled = valid.enabled();
		this.triggerType = valid.trigger().value();
		this.triggerParam = valid.param();
		this.filter = valid.filter() == null ? null : Jsonb.of(FilterJson.toJson(valid.filter()));
		this.repeatMode = valid.every() ? "every" : "once";
		this.actions = new ArrayList<>(
				valid.actions().stream().map(a -> new Action(a.type().value(), a.param())).toList());
		this.updatedAt = now;
	}

	void enable(boolean enabled, Instant now) {
		this.enabled = enabled;
		this.updatedAt = now;
	}

	/**
	 * The version the editor's form was loaded with: a save then fails when someone saved
	 * in between.
	 */
	void expectVersion(@Nullable Long version) {
		if (version != null) {
			this.version = version;
		}
	}

	Rule toRule(@Nullable Instant lastRunAt) {
		List<RuleAction> list = new ArrayList<>();
		for (Action action : this.actions) {
			RuleActionType type = RuleActionType.parse(action.type);
			if (type != null) {
				list.add(new RuleAction(type, action.param));
			}
		}
		return new Rule(this.id, this.name, this.enabled, RuleTrigger.parse(this.triggerType), this.triggerParam,
				this.filter == null ? null : FilterJson.parse(this.filter.json(), "filter"),
				"every".equals(this.repeatMode), list, this.createdAt, lastRunAt, this.version);
	}

	Long getId() {
		return this.id;
	}

	/** One row of {@code automation_rule_action}. */
	@Table("automation_rule_action")
	static class Action {

		private final String type;

		private final @Nullable String param;

		Action(String type, @Nullable String param) {
			this.type = type;
			this.param = param;
		}

	}

}
