package dev.partnerhub.demo;

import java.util.List;

import dev.partnerhub.automation.RuleApi;
import dev.partnerhub.automation.RuleDraft;
import dev.partnerhub.filters.Condition;
import dev.partnerhub.filters.Filter;
import dev.partnerhub.filters.Op;
import dev.partnerhub.rollups.Relationship;
import dev.partnerhub.rollups.RollupApi;
import dev.partnerhub.rollups.RollupFunction;

import org.springframework.stereotype.Component;

/**
 * The seed's automation rules: the level-up "Approved commissions ≥ 10,000 → change
 * program to the next level" (Affiliates → Partners Pro, the demo programs' next-level
 * setting) and the milestone e-mails "first sale" and "first $100" (templates from
 * {@link DemoMail}). Needs {@link DemoRollups}' fields; adds the count "Number of sales".
 */
@Component
class DemoRules {

	private final RuleApi rules;

	private final RollupApi rollups;

	DemoRules(RuleApi rules, RollupApi rollups) {
		this.rules = rules;
		this.rollups = rollups;
	}

	void seed() {
		if (this.rules.findByName("Level up at 10,000 approved").isPresent()) {
			return;
		}
		if (this.rollups.findByName("Number of sales").isEmpty()) {
			this.rollups.create("Number of sales", RollupFunction.COUNT, Relationship.COMMISSIONS_EARNED, null,
					Filter.all(new Condition("status", Op.NE, "declined")));
		}
		this.rules.create(new RuleDraft("Level up at 10,000 approved", true, "rollup_changed", "Approved commissions",
				Filter.all(new Condition("rollup:Approved commissions", Op.GTE, "10000")), false,
				List.of(new RuleDraft.ActionDraft("change_program", "next level"),
						new RuleDraft.ActionDraft("add_tag", "leveled-up"))));
		this.rules.create(new RuleDraft("Milestone: first sale", true, "commission_created", null,
				Filter.all(new Condition("rollup:Number of sales", Op.GTE, "1")), false,
				List.of(new RuleDraft.ActionDraft("send_email", "milestone-first-sale"))));
		this.rules
			.create(new RuleDraft("Milestone: first $100", true, "rollup_changed", "Approved and paid commissions",
					Filter.all(new Condition("rollup:Approved and paid commissions", Op.GTE, "100")), false,
					List.of(new RuleDraft.ActionDraft("send_email", "milestone-first-100"))));
	}

}
