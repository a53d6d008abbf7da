package dev.partnerhub.rollups.web;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The rollup partner list's filters as sent ({@code ?col=&col=&program=&minOf=&min=&q=});
 * {@link PartnerValuesController} drops unknown columns and bad numbers, with a note. No
 * {@code col} at all (not an empty choice) shows the first three rollup fields.
 */
record PartnerValuesParams(@Nullable List<String> col, @Nullable String program, @Nullable String minOf,
		@Nullable String min, @Nullable String q) {

}
