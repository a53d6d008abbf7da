package dev.partnerhub.orders.domain;

/** A validated new order: the request, its stripped id and its body's hash. */
record NewOrderRequest(PlaceOrder command, String orderId, String hash) {
}
