package dev.partnerhub.automation;

import java.util.List;
import java.util.Optional;

/** Automation rules for other modules (the demo seeds its rules through it). */
public interface RuleApi {

	List<Rule> rules();

	/** Case-insensitive. */
	Optional<Rule> findByName(String name);

	/**
	 * Validated as {@code POST /api/v1/rules} (InvalidInputException /
	 * ConflictException).
	 */
	Rule create(RuleDraft draft);

}
