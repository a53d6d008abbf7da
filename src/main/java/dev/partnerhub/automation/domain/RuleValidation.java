package dev.partnerhub.automation.domain;

import java.util.ArrayList;
import java.util.List;

import dev.partnerhub.automation.RuleAction;
import dev.partnerhub.automation.RuleActionType;
import dev.partnerhub.automation.RuleDraft;
import dev.partnerhub.automation.RuleTrigger;
import dev.partnerhub.automation.SequenceApi;
import dev.partnerhub.filters.Filter;
import dev.partnerhub.filters.FilterCompiler;
import dev.partnerhub.groups.GroupApi;
import dev.partnerhub.mail.MailApi;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.rollups.RollupApi;
import dev.partnerhub.rollups.RollupField;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.Excerpts;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import static dev.partnerhub.automation.domain.Rules.MAX_ACTIONS;
import static dev.partnerhub.automation.domain.Rules.MAX_NAME;
import static dev.partnerhub.automation.domain.Rules.NEXT_LEVEL;
import static dev.partnerhub.automation.domain.Rules.isNextLevel;

/**
 * Checks a rule draft before it is stored: name, trigger and its parameter (a rollup, a
 * group, an hour), the condition against {@link RuleConditions}' catalog, and each
 * action's parameter against the module that owns it (programs, e-mail templates,
 * sequences). Messages name the field ({@code actions[1].param: ...}).
 */
@Component
class RuleValidation {

	private final RuleConditions conditions;

	private final RollupApi rollups;

	private final GroupApi groups;

	private final ProgramApi programs;

	private final MailApi mail;

	private final SequenceApi sequences;

	RuleValidation(RuleConditions conditions, RollupApi rollups, GroupApi groups, ProgramApi programs, MailApi mail,
			SequenceApi sequences) {
		this.conditions = conditions;
		this.rollups = rollups;
		this.groups = groups;
		this.programs = programs;
		this.mail = mail;
		this.sequences = sequences;
	}

	record Valid(String name, boolean enabled, RuleTrigger trigger, @Nullable String param, @Nullable Filter filter,
			boolean every, List<RuleAction> actions) {
	}

	Valid validate(RuleDraft draft) {
		if (draft == null) {
			throw new InvalidInputException("name", "A rule needs a name, a trigger and actions.");
		}
		String name = draft.name() == null ? "" : draft.name().strip();
		if (name.isEmpty()) {
			throw new InvalidInputException("name", "name: a name is required");
		}
		if (name.length() > MAX_NAME) {
			throw new InvalidInputException("name", "name: at most " + MAX_NAME + " characters");
		}
		RuleTrigger trigger = RuleTrigger.parse(draft.trigger());
		if (trigger == null) {
			throw new InvalidInputException("trigger", "trigger: "
					+ (draft.trigger() == null ? "a trigger is required"
							: "unknown trigger '" + Excerpts.of(draft.trigger(), 40) + "'")
					+ " (known: "
					+ String.join(", ", java.util.Arrays.stream(RuleTrigger.values()).map(RuleTrigger::value).toList())
					+ ")");
		}
		String param = validTriggerParam(trigger, draft.triggerParam());
		Filter filter = draft.filter();
		if (filter != null && filter.conditions().isEmpty()) {
			filter = null;
		}
		if (filter != null) {
			FilterCompiler.validate(filter, this.conditions.catalog(filter), "filter");
		}
		List<RuleDraft.ActionDraft> drafts = draft.actions() == null ? List.of() : draft.actions();
		if (drafts.isEmpty()) {
			throw new InvalidInputException("actions", "actions: add at least one action");
		}
		if (drafts.size() > MAX_ACTIONS) {
			throw new InvalidInputException("actions", "actions: at most " + MAX_ACTIONS + " actions");
		}
		List<RuleAction> actions = new ArrayList<>();
		for (int i = 0; i < drafts.size(); i++) {
			actions.add(validAction(drafts.get(i), "actions[" + i + "]"));
		}
		return new Valid(name, draft.enabled() == null || draft.enabled(), trigger, param, filter,
				Boolean.TRUE.equals(draft.everyCrossing()), actions);
	}

	private @Nullable String validTriggerParam(RuleTrigger trigger, @Nullable String raw) {
		String param = raw == null || raw.isBlank() ? null : raw.strip();
		switch (trigger) {
			case ROLLUP_CHANGED -> {
				if (param != null) {
					RollupField field = this.rollups.findByName(param)
						.orElseThrow(
								() -> new InvalidInputException("triggerParam", "triggerParam: unknown rollup field '"
										+ Excerpts.of(param, 40) + "' (leave it empty for any rollup field)"));
					return field.name();
				}
				return null;
			}
			case GROUP_ADDED -> {
				if (param == null) {
					throw new InvalidInputException("triggerParam", "triggerParam: choose the group (its id)");
				}
				long id;
				try {
					id = Long.parseLong(param);
				}
				catch (NumberFormatException ex) {
					id = this.groups.groups()
						.stream()
						.filter(g -> g.name().equalsIgnoreCase(param))
						.map(g -> g.id())
						.findFirst()
						.orElse(-1L);
				}
				long groupId = id;
				if (this.groups.find(groupId).isEmpty()) {
					throw new InvalidInputException("triggerParam",
							"triggerParam: unknown group '" + Excerpts.of(param, 40) + "'");
				}
				return Long.toString(groupId);
			}
			case DAILY -> {
				if (param == null) {
					return "0";
				}
				try {
					int hour = Integer.parseInt(param);
					if (hour >= 0 && hour <= 23) {
						return Integer.toString(hour);
					}
				}
				catch (NumberFormatException ex) {
					// below
				}
				throw new InvalidInputException("triggerParam",
						"triggerParam: the hour of the daily run is 0 to 23 (UTC), not '" + Excerpts.of(param, 40)
								+ "'");
			}
			default -> {
				return null;
			}
		}
	}

	private RuleAction validAction(RuleDraft.ActionDraft draft, String path) {
		if (draft == null) {
			throw new InvalidInputException(path, path + ": an action is required");
		}
		RuleActionType type = RuleActionType.parse(draft.type());
		if (type == null) {
			throw new InvalidInputException(path + ".type", path + ".type: "
					+ (draft.type() == null
							? "a type is required" : "unknown action '" + Excerpts.of(draft.type(), 40) + "'")
					+ " (known: "
					+ String.join(", ",
							java.util.Arrays.stream(RuleActionType.values()).map(RuleActionType::value).toList())
					+ ")");
		}
		String param = draft.param() == null ? "" : draft.param().strip();
		if (param.isEmpty()) {
			throw new InvalidInputException(path + ".param",
					path + ".param: " + type.label() + " needs " + type.hint());
		}
		if (param.length() > 200) {
			throw new InvalidInputException(path + ".param", path + ".param: at most 200 characters");
		}
		switch (type) {
			case CHANGE_PROGRAM -> {
				if (isNextLevel(param)) {
					return new RuleAction(type, NEXT_LEVEL);
				}
				String name = this.programs.findProgramByName(param)
					.orElseThrow(() -> new InvalidInputException(path + ".param",
							path + ".param: unknown program '" + Excerpts.of(param, 40) + "' (or use \"next level\")"))
					.name();
				return new RuleAction(type, name);
			}
			case SET_STATUS -> {
				try {
					return new RuleAction(type, PartnerStatus.of(param).value());
				}
				catch (IllegalArgumentException ex) {
					throw new InvalidInputException(path + ".param", path + ".param: " + ex.getMessage());
				}
			}
			case SEND_EMAIL -> {
				String key = this.mail.templateKeys()
					.stream()
					.filter(k -> k.equalsIgnoreCase(param))
					.findFirst()
					.orElseThrow(() -> new InvalidInputException(path + ".param",
							path + ".param: unknown e-mail template '" + Excerpts.of(param, 40) + "'"));
				return new RuleAction(type, key);
			}
			case ADD_TAG, REMOVE_TAG -> {
				if (param.length() > 60) {
					throw new InvalidInputException(path + ".param", path + ".param: a tag has at most 60 characters");
				}
				return new RuleAction(type, param);
			}
			default -> {
				if (this.sequences.findSequence(param).isEmpty()) {
					throw new InvalidInputException(path + ".param",
							path + ".param: unknown sequence '" + Excerpts.of(param, 40) + "'");
				}
				return new RuleAction(type, param);
			}
		}
	}

}
