package dev.partnerhub.automation;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * What makes a rule evaluate its condition for a partner. {@code param}: ROLLUP_CHANGED
 * takes an optional rollup name (blank = any rollup), GROUP_ADDED a group id, DAILY the
 * UTC hour 0-23 (blank = 0).
 */
public enum RuleTrigger {

	PARTNER_SIGNED_UP("Partner signed up"), PARTNER_APPROVED("Partner approved"),
	COMMISSION_CREATED("Commission created"), COMMISSION_APPROVED("Commission approved"),
	COMMISSION_PAID("Commission paid"), ROLLUP_CHANGED("Rollup field changed"), GROUP_ADDED("Contact added to group"),
	DAILY("Daily schedule");

	private final String label;

	RuleTrigger(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** Null for an unknown value. */
	public static @Nullable RuleTrigger parse(String value) {
		if (value == null) {
			return null;
		}
		for (RuleTrigger trigger : values()) {
			if (trigger.value().equalsIgnoreCase(value.strip()) || trigger.name().equalsIgnoreCase(value.strip())) {
				return trigger;
			}
		}
		return null;
	}

}
