package dev.partnerhub.demo;

import java.util.List;

import dev.partnerhub.filters.Condition;
import dev.partnerhub.filters.Filter;
import dev.partnerhub.filters.Op;
import dev.partnerhub.rollups.Relationship;
import dev.partnerhub.rollups.RollupApi;
import dev.partnerhub.rollups.RollupFunction;

import org.springframework.stereotype.Component;

/**
 * The seed's rollup fields ("Create a partner center"), so the demo's contact pages,
 * partner values list and API show them at once: Total pending commissions, Approved
 * commissions, Approved and paid commissions, ebook Number of Sales. Their values are
 * computed in the background after start-up.
 */
@Component
class DemoRollups {

	private final RollupApi rollups;

	DemoRollups(RollupApi rollups) {
		this.rollups = rollups;
	}

	void seed() {
		if (this.rollups.findByName("Total pending commissions").isPresent()) {
			return;
		}
		this.rollups.create("Total pending commissions", RollupFunction.SUM, Relationship.COMMISSIONS_EARNED, "amount",
				Filter.all(new Condition("status", Op.EQ, "pending")));
		this.rollups.create("Approved commissions", RollupFunction.SUM, Relationship.COMMISSIONS_EARNED, "amount",
				Filter.all(new Condition("status", Op.EQ, "approved")));
		this.rollups.create("Approved and paid commissions", RollupFunction.SUM, Relationship.COMMISSIONS_EARNED,
				"amount", new Filter(dev.partnerhub.filters.Match.ANY,
						List.of(new Condition("status", Op.EQ, "approved"), new Condition("status", Op.EQ, "paid"))));
		this.rollups.create("ebook Number of Sales", RollupFunction.COUNT, Relationship.COMMISSIONS_EARNED, null,
				Filter.all(new Condition("product", Op.EQ, "ebook")));
	}

}
