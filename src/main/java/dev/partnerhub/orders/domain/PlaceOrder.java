package dev.partnerhub.orders.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/v1/orders}.
 *
 * @param couponCode a partner coupon: when active, its partner gets the credit for this
 * order whatever the referral
 * @param ip the buyer's IP as the shop saw it (optional; fraud hold rules count orders
 * per IP); not part of the order's identity (a replay from another IP is the same order)
 */
public record PlaceOrder(String orderId, String email, @Nullable String firstName, @Nullable String lastName,
		@Nullable String referral, Instant occurredAt, String currency, @Nullable Boolean recurring, List<Item> items,
		@Nullable String couponCode, @Nullable String ip) {

	/** An order without the buyer's IP. */
	public PlaceOrder(String orderId, String email, @Nullable String firstName, @Nullable String lastName,
			@Nullable String referral, Instant occurredAt, String currency, @Nullable Boolean recurring,
			List<Item> items, @Nullable String couponCode) {
		this(orderId, email, firstName, lastName, referral, occurredAt, currency, recurring, items, couponCode, null);
	}

	/** An order without a coupon. */
	public PlaceOrder(String orderId, String email, @Nullable String firstName, @Nullable String lastName,
			@Nullable String referral, Instant occurredAt, String currency, @Nullable Boolean recurring,
			List<Item> items) {
		this(orderId, email, firstName, lastName, referral, occurredAt, currency, recurring, items, null);
	}

	/** The buyer as contacts are matched: the e-mail stripped and case-insensitive. */
	public String buyerKey() {
		return this.email.strip().toLowerCase(Locale.ROOT);
	}

	public boolean isRecurring() {
		return Boolean.TRUE.equals(this.recurring);
	}

	/** The coupon code stripped, null when there is none. */
	public String coupon() {
		return this.couponCode == null || this.couponCode.isBlank() ? null : this.couponCode.strip();
	}

	public record Item(String sku, Integer quantity, BigDecimal unitPrice) {
	}

}
