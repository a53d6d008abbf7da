package dev.partnerhub.support.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The area a console or partner-center page controller belongs to. {@link HtmlErrorPages}
 * answers the controller's client errors with the shared pages ({@code error/not-found},
 * {@code error/conflict}) in this area's navigation, with its wording and its way back.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ErrorPages {

	/**
	 * The console sidebar key to highlight; empty for the partner center (its own frame,
	 * no console navigation).
	 */
	String nav();

	/** Where the page's link leads back to, such as {@code /admin/orders}. */
	String back();

	String backLabel();

	/** The heading of the 404 page. */
	String notFound() default "Not found";

	/** The text under it. */
	String notFoundDetail() default "There is nothing at this address. It may have been removed.";

}
