package dev.partnerhub.automation;

import java.time.Instant;
import java.util.List;

import dev.partnerhub.filters.Filter;
import org.jspecify.annotations.Nullable;

/**
 * An automation rule. {@code filter} null = always true. {@code everyCrossing} false =
 * fires at most once ever per partner; true = once per crossing (the condition becoming
 * true again after it was false re-fires). {@code version} is the one the console's form
 * sends back, so a save over someone else's change is refused.
 */
public record Rule(long id, String name, boolean enabled, RuleTrigger trigger, @Nullable String triggerParam,
		@Nullable Filter filter, boolean everyCrossing, List<RuleAction> actions, Instant createdAt,
		@Nullable Instant lastRunAt, @Nullable Long version) {

	public Rule {
		actions = actions == null ? List.of() : List.copyOf(actions);
	}

	public String conditionSummary() {
		return this.filter == null || this.filter.conditions().isEmpty() ? "always" : this.filter.summary();
	}

}
