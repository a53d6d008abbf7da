package dev.partnerhub.rollups.web;

import dev.partnerhub.filters.FilterJson;
import dev.partnerhub.rollups.RollupField;
import dev.partnerhub.rollups.domain.RollupDefinitions;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A rollup field definition in the API, with its background recompute's progress. */
record RollupFieldJson(long id, String name, String function, String relationship, @Nullable String field,
		@Nullable JsonNode filter, boolean relative, String summary, RecomputeJson recompute) {

	record RecomputeJson(String status, long total, long done, int percent) {
	}

	static RollupFieldJson of(RollupDefinitions.Listed listed) {
		RollupField f = listed.field();
		var r = listed.recompute();
		return new RollupFieldJson(f.id(), f.name(), f.function().value(), f.relationship().value(), f.field(),
				f.filter() == null ? null : FilterJson.tree(f.filter()), f.relative(), f.filterSummary(),
				new RecomputeJson(r.status(), r.total(), r.done(), r.percent()));
	}

}
