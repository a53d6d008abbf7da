package dev.partnerhub.rollups;

import dev.partnerhub.filters.Filter;
import org.jspecify.annotations.Nullable;

/**
 * A rollup field definition: {@code function} over {@code relationship}'s rows matching
 * {@code filter} (null = all rows), rolling up {@code field}
 * ({@code amount}/{@code total}; null for count). {@code relative} = the filter depends
 * on today's date.
 */
public record RollupField(long id, String name, RollupFunction function, Relationship relationship,
		@Nullable String field, @Nullable Filter filter, boolean relative) {

	/** Values are money (two-decimal strings) except counts (integers). */
	public boolean money() {
		return this.function != RollupFunction.COUNT;
	}

	/** e.g. {@code Status equal to pending AND Product equal to ebook}. */
	public String filterSummary() {
		return this.filter == null ? "all records" : this.filter.summary();
	}

}
