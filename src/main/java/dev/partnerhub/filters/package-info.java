/**
 * Filters: nested AND/OR conditions ({@link dev.partnerhub.filters.Filter},
 * {@link dev.partnerhub.filters.Condition}, {@link dev.partnerhub.filters.Op}) in their
 * three forms — JSON ({@link dev.partnerhub.filters.FilterJson}, also the JSONB columns),
 * builder rows ({@link dev.partnerhub.filters.FilterRows},
 * {@link dev.partnerhub.filters.ConditionRowsForm}) — compiled to parameterised SQL by
 * {@link dev.partnerhub.filters.FilterCompiler} against a
 * {@link dev.partnerhub.filters.FieldCatalog}. Modules plug their fields in as
 * {@link dev.partnerhub.filters.FilterFieldProvider} beans; callers name the rows of
 * their query with a {@link dev.partnerhub.filters.FilterTarget} and get catalogs from
 * {@link dev.partnerhub.filters.FilterFields}. Used by groups, automation rules, rollups
 * and partner-center list blocks.
 */
@NullMarked
package dev.partnerhub.filters;

import org.jspecify.annotations.NullMarked;
