package dev.partnerhub.commissions.web;

import org.jspecify.annotations.Nullable;

/**
 * The commission list's filter parameters as sent
 * ({@code ?partner=&program=&sku=&status=&from=&to=}), also posted by the bulk form's
 * "every commission the filter matches"; {@link CommissionConsoleController#filter} drops
 * the values that make no sense, each with a message.
 */
record CommissionListParams(@Nullable String partner, @Nullable String program, @Nullable String sku,
		@Nullable String status, @Nullable String from, @Nullable String to) {

}
