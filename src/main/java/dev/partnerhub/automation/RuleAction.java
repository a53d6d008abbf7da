package dev.partnerhub.automation;

/** One action of a rule, e.g. {@code change_program "next level"}. */
public record RuleAction(RuleActionType type, String param) {

	public String summary() {
		return this.type.label() + (this.param == null || this.param.isBlank() ? "" : ": " + this.param);
	}

}
