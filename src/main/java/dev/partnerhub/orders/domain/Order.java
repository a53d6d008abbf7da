package dev.partnerhub.orders.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An order with its items, recurring charges and refunds. The initial sale is the items;
 * charges are the later payments of an open (recurring) order. What may be refunded =
 * items + charges − refunds so far. {@code couponCode} is the partner coupon that chose
 * the credited partner ({@code creditRule} null then).
 */
public record Order(long id, String orderId, long contactId, String email, String currency, String status,
		boolean recurring, Instant occurredAt, BigDecimal total, String requestHash, @Nullable Long referrerId,
		@Nullable String creditRule, List<Item> items, List<Charge> charges, List<Refund> refunds,
		@Nullable String couponCode) {

	/** An order not credited by a coupon. */
	public Order(long id, String orderId, long contactId, String email, String currency, String status,
			boolean recurring, Instant occurredAt, BigDecimal total, String requestHash, @Nullable Long referrerId,
			@Nullable String creditRule, List<Item> items, List<Charge> charges, List<Refund> refunds) {
		this(id, orderId, contactId, email, currency, status, recurring, occurredAt, total, requestHash, referrerId,
				creditRule, items, charges, refunds, null);
	}

	public BigDecimal charged() {
		return this.total.add(this.charges.stream().map(Charge::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
	}

	public BigDecimal refunded() {
		return this.refunds.stream().map(Refund::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	public BigDecimal refundable() {
		return charged().subtract(refunded());
	}

	/**
	 * What is left to refund of one payment: the initial sale ({@code charge} null) or
	 * one recurring charge, minus the refunds of that payment; never more than what is
	 * left of the whole order.
	 */
	public BigDecimal refundableOf(Charge charge) {
		BigDecimal paid = charge == null ? this.total : charge.amount();
		BigDecimal refunded = this.refunds.stream()
			.filter(r -> charge == null ? r.ofSale() : charge.id() == (r.ofCharge() == null ? -1 : r.ofCharge()))
			.map(Refund::amount)
			.reduce(BigDecimal.ZERO, BigDecimal::add);
		return paid.subtract(refunded).min(refundable());
	}

	public boolean open() {
		return "open".equals(this.status);
	}

	public record Item(long id, int lineNo, long productId, String sku, int quantity, BigDecimal unitPrice,
			BigDecimal lineNet) {
	}

	public record Charge(long id, String chargeId, BigDecimal amount, Instant occurredAt) {
	}

	/**
	 * @param ofSale a refund of the initial sale only
	 * @param ofCharge a refund of this recurring charge (row id) only; neither: of the
	 * whole order
	 */
	public record Refund(long id, String refundId, @Nullable BigDecimal requested, BigDecimal amount,
			Instant occurredAt, boolean ofSale, @Nullable Long ofCharge) {

		public Refund(long id, String refundId, @Nullable BigDecimal requested, BigDecimal amount, Instant occurredAt) {
			this(id, refundId, requested, amount, occurredAt, false, null);
		}

	}

}
