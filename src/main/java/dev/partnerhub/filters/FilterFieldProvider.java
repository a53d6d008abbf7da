package dev.partnerhub.filters;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The plug-in point of the filter catalog: a module that owns filterable data publishes
 * its fields as a bean of this type (contacts its contact fields, partners the partner
 * status and program, rollups a {@code rollup:<name>} field per rollup).
 * {@link FilterFields} gathers them for a {@link FilterTarget}; field SQL is built by the
 * provider from the target's bindings (trusted code), never from input.
 * <p>
 * A provider with a {@link #prefix()} offers open-ended fields
 * ({@code rollup:Lifetime sales}): they are listed in condition builders, but a filter's
 * catalog holds only those it names, resolved by {@link #resolve} under the exact
 * spelling the filter uses.
 */
public interface FilterFieldProvider {

	/**
	 * The fields over {@code target} in the order a builder lists them; empty when the
	 * target lacks their rows.
	 */
	List<FieldCatalog.Field> fields(FilterTarget target);

	/**
	 * Whose fields these are ({@link FilterTarget#subject()}'s fields are listed first);
	 * null for derived fields.
	 */
	default FilterTarget.@Nullable Subject subject() {
		return null;
	}

	/**
	 * The name prefix of open-ended fields (e.g. {@code rollup:}), or null when
	 * {@link #fields} is the whole set.
	 */
	default @Nullable String prefix() {
		return null;
	}

	/**
	 * The field a filter names as {@code prefix + name} ({@code name} stripped), if it
	 * exists.
	 */
	default Optional<FieldCatalog.Field> resolve(String name, FilterTarget target) {
		return Optional.empty();
	}

}
