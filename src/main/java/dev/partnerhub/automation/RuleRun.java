package dev.partnerhub.automation;

import java.time.Instant;

/** One line of a rule's run log: outcome ok, error or skipped. */
public record RuleRun(long id, long ruleId, Long partnerId, String partnerCode, String trigger, Instant at,
		String outcome, String actionsDone, String error) {
}
