/**
 * Rollup fields: sum/count/avg/min/max over a partner's commissions, referred contacts or
 * open orders, with a filter of nested AND/OR conditions
 * ({@link dev.partnerhub.filters.Filter}). Public API:
 * {@link dev.partnerhub.rollups.RollupApi}, the relationships with their field catalogs,
 * leaderboards, contests and the {@link dev.partnerhub.rollups.RollupValuesChanged}
 * event; every rollup is offered to other modules' filters as a {@code rollup:<name>}
 * field through the filters module's provider plug-in point. Values are materialised in
 * {@code rollup_value} and kept exact by trigger-filled dirty marks and whole recomputes
 * (docs/rollups.md). Leaderboards, contests and groups build on {@code rollup_value} and
 * its rank index.
 */
@NullMarked
package dev.partnerhub.rollups;

import org.jspecify.annotations.NullMarked;
