package dev.partnerhub.orders.web;

import org.jspecify.annotations.Nullable;

/**
 * The order list's filter parameters as sent
 * ({@code ?status=&partner=&from=&to=&q=&referred=&program=&first=});
 * {@link OrderConsoleController#filter} drops the values that make no sense, each with a
 * message.
 */
record OrderListParams(@Nullable String status, @Nullable String partner, @Nullable String from, @Nullable String to,
		@Nullable String q, @Nullable String referred, @Nullable String program, @Nullable String first) {

}
