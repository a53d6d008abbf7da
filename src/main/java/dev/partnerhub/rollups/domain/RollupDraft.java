package dev.partnerhub.rollups.domain;

import dev.partnerhub.filters.Filter;
import dev.partnerhub.rollups.Relationship;
import dev.partnerhub.rollups.RollupFunction;
import org.jspecify.annotations.Nullable;

/**
 * What an admin or API client sends to create or change a rollup field (checked by
 * {@link RollupDefinitions}).
 */
public record RollupDraft(String name, RollupFunction function, Relationship relationship, @Nullable String field,
		@Nullable Filter filter) {
}
