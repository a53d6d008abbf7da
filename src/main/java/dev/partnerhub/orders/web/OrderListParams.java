package dev.partnerhub.orders.web;

/**
 * The order list's filter parameters as sent ({@code ?status=&partner=&from=&to=&q=});
 * {@link OrderConsoleController#filter} drops the values that make no sense, each with a
 * message.
 */
record OrderListParams(String status, String partner, String from, String to, String q) {

}
