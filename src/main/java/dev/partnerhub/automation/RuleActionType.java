package dev.partnerhub.automation;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** What a rule does when it fires; each takes one parameter (see {@link #hint()}). */
public enum RuleActionType {

	CHANGE_PROGRAM("Change partner program", "a program name, or \"next level\" for the program's next-level setting"),
	SET_STATUS("Set partner status", "pending, approved or suspended"),
	SEND_EMAIL("Send e-mail template", "a template key"), ADD_TAG("Add tag", "a tag (list name), up to 60 characters"),
	REMOVE_TAG("Remove tag", "a tag (list name)"), START_SEQUENCE("Start sequence", "a sequence name"),
	STOP_SEQUENCE("Stop sequence", "a sequence name");

	private final String label;

	private final String hint;

	RuleActionType(String label, String hint) {
		this.label = label;
		this.hint = hint;
	}

	public String label() {
		return this.label;
	}

	public String hint() {
		return this.hint;
	}

	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** Null for an unknown value. */
	public static @Nullable RuleActionType parse(String value) {
		if (value == null) {
			return null;
		}
		for (RuleActionType type : values()) {
			if (type.value().equalsIgnoreCase(value.strip()) || type.name().equalsIgnoreCase(value.strip())) {
				return type;
			}
		}
		return null;
	}

}
