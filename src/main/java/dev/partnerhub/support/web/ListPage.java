package dev.partnerhub.support.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How a console list reads {@code page}, {@code size} and {@code sort} into its
 * {@link org.springframework.data.domain.Pageable} (or, for a CSV export, its
 * {@link org.springframework.data.domain.Sort}): {@link ListPageResolver} forgives junk
 * (back to the defaults), caps the size and the page number and accepts only the
 * {@link #sortable()} keys.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ListPage {

	/** Rows per page when {@code size} is missing, junk or below 1. */
	int size() default 20;

	/** The largest {@code size} honoured. */
	int maxSize() default 100;

	/**
	 * False for a list whose pages always hold {@link #size()} rows, whatever
	 * {@code size} asks.
	 */
	boolean sizeParameter() default true;

	/** The sort keys the list accepts; anything else falls back to {@link #sort()}. */
	String[] sortable() default {};

	/**
	 * Key prefixes for a list whose sort keys depend on its request (the rollup columns
	 * it was asked to show, e.g. {@code rollup:7} or {@code r7}): any key with one of
	 * these prefixes passes here, and the list itself keeps it only when it names one of
	 * the columns it shows (otherwise its own default, which may depend on the columns
	 * too — then {@link #sort()} stays empty).
	 */
	String[] sortablePrefixes() default {};

	/**
	 * The sort when none (or an unknown key) is asked for, as {@code property[,desc]};
	 * empty for unsorted.
	 */
	String sort() default "";

}
