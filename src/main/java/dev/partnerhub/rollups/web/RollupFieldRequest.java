package dev.partnerhub.rollups.web;

import dev.partnerhub.filters.FilterJson;
import dev.partnerhub.rollups.Relationship;
import dev.partnerhub.rollups.RollupFunction;
import dev.partnerhub.rollups.domain.RollupDraft;
import dev.partnerhub.support.InvalidInputException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST/PUT /api/v1/rollup-fields}. The filter arrives as a JSON tree
 * and is read by {@link FilterJson} so a mistake is reported with its path
 * ({@code filter.conditions[1].op: ...}).
 */
record RollupFieldRequest(@Nullable String name, @Nullable String function, @Nullable String relationship,
		@Nullable String field, @Nullable JsonNode filter) {

	RollupDraft draft() {
		RollupFunction fn = parse("function", this.function, RollupFunction::of);
		Relationship rel = parse("relationship", this.relationship, Relationship::of);
		return new RollupDraft(this.name, fn, rel, this.field,
				this.filter == null || this.filter.isNull() ? null : FilterJson.parse(this.filter, "filter"));
	}

	private static <T> @Nullable T parse(String name, String value, java.util.function.Function<String, T> parser) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return parser.apply(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException(name, name + ": " + ex.getMessage());
		}
	}

}
