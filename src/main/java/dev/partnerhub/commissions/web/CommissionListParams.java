package dev.partnerhub.commissions.web;

/**
 * The commission list's filter parameters as sent
 * ({@code ?partner=&program=&sku=&status=&from=&to=}), also posted by the bulk form's
 * "every commission the filter matches"; {@link CommissionConsoleController#filter} drops
 * the values that make no sense, each with a message.
 */
record CommissionListParams(String partner, String program, String sku, String status, String from, String to) {

}
