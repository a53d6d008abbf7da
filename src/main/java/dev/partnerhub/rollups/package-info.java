/**
 * Rollup fields: sum/count/avg/min/max over a partner's commissions, referred contacts or open orders, with a filter
 * of nested AND/OR conditions. Public API: {@link dev.partnerhub.rollups.RollupApi}, the filter model
 * ({@link dev.partnerhub.rollups.Filter}, {@link dev.partnerhub.rollups.FilterCompiler},
 * {@link dev.partnerhub.rollups.FieldCatalog}) and the {@link dev.partnerhub.rollups.RollupValuesChanged} event.
 * Values are materialised in {@code rollup_value} and kept exact by trigger-filled dirty marks and whole recomputes
 * (docs/rollups.md). Leaderboards, contests and groups build on {@code rollup_value} and its rank index.
 */
package dev.partnerhub.rollups;
