package dev.partnerhub.orders.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The body of {@code POST /api/v1/orders}. */
public record PlaceOrder(String orderId, String email, String firstName, String lastName, String referral,
		Instant occurredAt, String currency, Boolean recurring, List<Item> items) {

	/** The buyer as contacts are matched: the e-mail stripped and case-insensitive. */
	public String buyerKey() {
		return this.email.strip().toLowerCase(Locale.ROOT);
	}

	public boolean isRecurring() {
		return Boolean.TRUE.equals(this.recurring);
	}

	public record Item(String sku, Integer quantity, BigDecimal unitPrice) {
	}

}
