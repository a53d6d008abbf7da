package dev.partnerhub.automation;

import org.jspecify.annotations.Nullable;

/** One action of a rule, e.g. {@code change_program "next level"}. */
public record RuleAction(RuleActionType type, @Nullable String param) {

	public String summary() {
		return this.type.label() + (this.param == null || this.param.isBlank() ? "" : ": " + this.param);
	}

}
