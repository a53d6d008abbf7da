package dev.partnerhub.automation;

import java.util.List;

import dev.partnerhub.filters.Filter;
import org.jspecify.annotations.Nullable;

/**
 * What the console and the API send to create or change a rule (validated by the
 * service).
 */
public record RuleDraft(@Nullable String name, @Nullable Boolean enabled, @Nullable String trigger,
		@Nullable String triggerParam, @Nullable Filter filter, @Nullable Boolean everyCrossing,
		@Nullable List<ActionDraft> actions) {

	public record ActionDraft(@Nullable String type, @Nullable String param) {
	}

}
