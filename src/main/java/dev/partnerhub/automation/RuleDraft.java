package dev.partnerhub.automation;

import java.util.List;

import dev.partnerhub.filters.Filter;

/**
 * What the console and the API send to create or change a rule (validated by the
 * service).
 */
public record RuleDraft(String name, Boolean enabled, String trigger, String triggerParam, Filter filter,
		Boolean everyCrossing, List<ActionDraft> actions) {

	public record ActionDraft(String type, String param) {
	}

}
