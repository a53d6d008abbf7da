package dev.partnerhub.integrations.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A shop's order as Partnerhub books it, whatever shop sent it. Fields are null when the
 * payload lacks them; the ingestion refuses to book an order without e-mail or currency.
 *
 * @param orderId {@code woo:<id>} or {@code shopify:<id>}
 * @param gross what the shop charged (with tax and shipping): a refund of part of it
 * takes that share of the lines
 * @param couponCodes every discount code of the order; the first that is an active
 * partner coupon credits its partner
 * @param referral the {@code ph_ref} / {@code referral} meta field or note attribute: a
 * click token or partner code
 */
record ShopOrder(String orderId, String email, @Nullable String firstName, @Nullable String lastName, String currency,
		BigDecimal gross, List<Line> lines, List<String> couponCodes, @Nullable String referral, Instant occurredAt) {

	/**
	 * @param net what the line cost after discounts, before tax
	 */
	record Line(String sku, String productId, String name, Long quantity, BigDecimal net) {
	}

}
