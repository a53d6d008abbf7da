package dev.partnerhub.rollups;

import java.util.List;

/**
 * The values one write of one rollup field changed (a refresh of dirty partners, a chunk
 * of a recompute, the daily relative-date refresh), published in the writer's
 * transaction. One event per write rather than per value: a recompute of 10,000 partners
 * is ten events, which keeps listeners that go through the event publication registry
 * cheap. Listen with {@code @ApplicationModuleListener} (after commit).
 */
public record RollupValuesChanged(List<RollupValueChanged> changes) {

	public RollupValuesChanged {
		changes = List.copyOf(changes);
	}

}
