package dev.partnerhub.filters;

import java.util.List;

/**
 * The fields filters may name over a {@link FilterTarget}, gathered from every
 * {@link FilterFieldProvider}: the target's own fields first, then the other fixed
 * fields, then the open-ended ones ({@code rollup:<name>}).
 */
public interface FilterFields {

	/**
	 * The catalog to validate and compile {@code filter} with: the fixed fields plus each
	 * open-ended field the filter names, under the spelling it uses. An unknown one (e.g.
	 * a missing rollup) is an InvalidInputException on the condition's path
	 * ({@code filter.conditions[0].field: unknown rollup field 'x'}).
	 */
	FieldCatalog catalogFor(Filter filter, FilterTarget target);

	/** The field names a condition builder offers over {@code target}, in order. */
	List<String> fieldNames(FilterTarget target);

}
