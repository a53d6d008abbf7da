package dev.partnerhub.automation;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One line of a rule's run log: outcome ok, error or skipped. */
public record RuleRun(long id, long ruleId, @Nullable Long partnerId, @Nullable String partnerCode, String trigger,
		Instant at, String outcome, @Nullable String actionsDone, @Nullable String error) {
}
