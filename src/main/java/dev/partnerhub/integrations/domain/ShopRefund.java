package dev.partnerhub.integrations.domain;

import java.math.BigDecimal;

/**
 * A shop's refund of an order ({@code woo-refund:<id>}, {@code shopify-refund:<id>}).
 *
 * @param amount what was refunded: of the order's gross (a share of it is refunded from
 * the booked net), or of the net when {@code net} (Shopify refund lines without a
 * transaction)
 * @param completes the shop says the order is refunded in full: this refund takes
 * whatever is left
 */
record ShopRefund(String refundId, String orderId, BigDecimal amount, boolean net, boolean completes) {
}
