package dev.partnerhub.groups;

import java.time.Instant;

import dev.partnerhub.filters.Filter;

/**
 * A saved group: its name and filter (see {@link GroupApi} for the fields a filter may
 * name); {@code version} is the one the console's form sends back, so a save over someone
 * else's change is refused.
 */
public record GroupSummary(long id, String name, Filter filter, Instant createdAt, Instant updatedAt, Long version) {

	/**
	 * The filter in words, e.g.
	 * {@code Partner status equal to approved AND Rollup:… greater than 1000}.
	 */
	public String summary() {
		return this.filter.summary();
	}

}
