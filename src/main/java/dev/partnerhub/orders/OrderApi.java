package dev.partnerhub.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What other modules may do with orders: the same commands as the ingestion API
 * ({@code POST /api/v1/orders}, charges, refunds), idempotent by their ids and crediting
 * commissions by the real rules. Used by the demo data.
 */
public interface OrderApi {

	/**
	 * Places an order (a replay with the same body is a no-op); returns how many
	 * commissions it credited.
	 */
	int place(NewOrder order);

	/** A recurring charge of an open order; returns how many commissions it credited. */
	int charge(String orderId, String chargeId, BigDecimal amount, Instant occurredAt);

	/**
	 * A full ({@code amount} null) or partial refund; returns how many commissions it
	 * changed or created.
	 */
	int refund(String orderId, String refundId, BigDecimal amount);

	/**
	 * A refund of one payment of an order: its initial sale ({@code chargeId} null) or
	 * one recurring charge. Only that payment's commissions are reduced (or clawed back
	 * once paid); {@code amount} null = what is left of the payment. Idempotent by
	 * {@code refundId}; returns how many commissions it changed or created.
	 */
	int refundPayment(String orderId, String chargeId, String refundId, BigDecimal amount);

	/** Whether an order with this id is stored. */
	boolean exists(String orderId);

	/** Closes an open recurring order (no more charges); a closed one stays closed. */
	void close(String orderId);

	/**
	 * Records a sale that happened elsewhere (commission import) as a completed one-line
	 * order {@code orderId} WITHOUT crediting any commission: the caller records the
	 * commission it already has. The buyer is upserted by e-mail without touching his
	 * referral info. {@code sku} null books the line on the product
	 * {@value #IMPORTED_SKU} (created on first use, price 0, not sold on {@code /buy});
	 * an unknown sku is an InvalidInputException. Empty when the order id is taken (a
	 * re-import: concurrent callers wait for the first insert's commit on the unique
	 * order id, so one wins).
	 */
	Optional<RecordedSale> recordSale(ExternalSale sale);

	/**
	 * The product of imported sales whose file names no product (created on first use).
	 */
	String IMPORTED_SKU = "imported-commission";

	/**
	 * @param amount the sale's amount (the order line's net; 0 when unknown)
	 */
	record ExternalSale(String orderId, String email, String sku, BigDecimal amount, String currency,
			Instant occurredAt, @Nullable Long referrerId) {
	}

	/**
	 * Row ids of the recorded order, its single line, the buyer and the product, for the
	 * commission to point at.
	 */
	record RecordedSale(long orderId, long orderItemId, long contactId, long productId, String sku, BigDecimal amount) {
	}

	/**
	 * @param couponCode a partner coupon: when active, its partner gets the credit
	 * whatever the referral
	 */
	record NewOrder(String orderId, String email, @Nullable String firstName, @Nullable String lastName,
			@Nullable String referral, Instant occurredAt, String currency, boolean recurring, List<Line> items,
			@Nullable String couponCode) {

		public NewOrder(String orderId, String email, @Nullable String firstName, @Nullable String lastName,
				@Nullable String referral, Instant occurredAt, String currency, boolean recurring, List<Line> items) {
			this(orderId, email, firstName, lastName, referral, occurredAt, currency, recurring, items, null);
		}

	}

	record Line(String sku, int quantity, BigDecimal unitPrice) {
	}

}
