package dev.partnerhub.integrations.domain;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.partnerhub.orders.OrderApi;
import dev.partnerhub.partners.CouponApi;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies verified WooCommerce and Shopify deliveries, each exactly once by its delivery
 * id (taken in the same transaction as its effect, {@link ShopStore#claim}), and each
 * order and refund once by its own id whatever delivery brings it (WooCommerce sends
 * {@code order.updated} many times for one order):
 * <ul>
 * <li>WooCommerce {@code order.created} / {@code order.updated}: a {@code processing} or
 * {@code completed} order is booked as {@code woo:<id>}; the refunds it lists become
 * {@code woo-refund:<id>}.</li>
 * <li>Shopify {@code orders/paid}: order {@code shopify:<id>}; {@code refunds/create}:
 * refund {@code shopify-refund:<id>}.</li>
 * </ul>
 * A refund is kept first and applied once its order is booked (at once when it is; a
 * refund before its order waits), by {@link ShopRefunds#settle} after the delivery's
 * commit. Booking an order takes a lock on the order's id.
 */
@Service
public class ShopIngestion {

	private static final Logger log = LoggerFactory.getLogger(ShopIngestion.class);

	public enum Outcome {

		APPLIED, IGNORED, PENDING, REJECTED, DUPLICATE;

		public String value() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * @param settle the order whose kept refunds are applied after the commit (null:
	 * none)
	 */
	public record Result(Outcome outcome, String detail, @Nullable String settle) {

		Result(Outcome outcome, String detail) {
			this(outcome, detail, null);
		}

	}

	/** A verified delivery: which shop, its delivery id, its topic and its JSON body. */
	public record Delivery(Integration provider, String deliveryId, String topic, JsonNode body) {
	}

	private final ShopStore store;

	private final ShopRefunds refunds;

	private final ShopProducts products;

	private final OrderApi orders;

	private final CouponApi coupons;

	private final TransactionTemplate transactions;

	private final Clock clock;

	ShopIngestion(ShopStore store, ShopRefunds refunds, ShopProducts products, OrderApi orders, CouponApi coupons,
			PlatformTransactionManager transactionManager, Clock clock) {
		this.store = store;
		this.refunds = refunds;
		this.products = products;
		this.orders = orders;
		this.coupons = coupons;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/**
	 * Applies the delivery once. One that cannot be booked as it is (no e-mail, unknown
	 * currency, a closed order) is rolled back and recorded as rejected, so the shop does
	 * not send it again for days.
	 */
	public Result apply(Delivery delivery) {
		Result result = applyOnce(delivery);
		if (result.settle() == null) {
			return result;
		}
		int settled = this.refunds.settle(result.settle());
		if (settled == 0) {
			return result;
		}
		Outcome outcome = result.outcome() == Outcome.PENDING ? Outcome.APPLIED : result.outcome();
		return new Result(outcome, result.detail() + "; " + settled + " refund(s) applied", result.settle());
	}

	private Result applyOnce(Delivery delivery) {
		try {
			return this.transactions.execute(status -> {
				if (!this.store.claim(delivery.provider(), delivery.deliveryId(), delivery.topic())) {
					return new Result(Outcome.DUPLICATE, "already received");
				}
				Result result = dispatch(delivery);
				this.store.outcome(delivery.provider(), delivery.deliveryId(), result.outcome().value(),
						result.detail());
				return result;
			});
		}
		catch (ShopEventException | ConflictException | InvalidInputException | NotFoundException ex) {
			log.warn("{} delivery {} ({}) rejected: {}", delivery.provider().label(), delivery.deliveryId(),
					delivery.topic(), ex.getMessage());
			return this.transactions.execute(status -> {
				if (!this.store.claim(delivery.provider(), delivery.deliveryId(), delivery.topic())) {
					return new Result(Outcome.DUPLICATE, "already received");
				}
				this.store.outcome(delivery.provider(), delivery.deliveryId(), Outcome.REJECTED.value(),
						ex.getMessage());
				return new Result(Outcome.REJECTED, ex.getMessage());
			});
		}
	}

	private Result dispatch(Delivery delivery) {
		return switch (delivery.provider().key() + " " + delivery.topic()) {
			case "woocommerce order.created", "woocommerce order.updated" -> wooOrder(delivery);
			case "shopify orders/paid" -> book(delivery, ShopifyOrders.order(delivery.body()), List.of());
			case "shopify refunds/create" -> shopifyRefund(delivery);
			default -> new Result(Outcome.IGNORED, "Partnerhub does not use " + delivery.topic() + " deliveries.");
		};
	}

	private Result wooOrder(Delivery delivery) {
		WooCommerceOrders.Read read = WooCommerceOrders.read(delivery.body());
		if (read.paid()) {
			return book(delivery, read.order(), read.refunds());
		}
		if (read.refunds().isEmpty()) {
			return new Result(Outcome.IGNORED,
					"Order " + read.order().orderId() + " is " + read.status() + ": not paid, nothing to book.");
		}
		return keepRefunds(delivery, read.order().orderId(), read.refunds());
	}

	private Result shopifyRefund(Delivery delivery) {
		ShopRefund refund = ShopifyOrders.refund(delivery.body());
		if (refund == null) {
			return new Result(Outcome.IGNORED, "The refund pays no money back (a restock or a note).");
		}
		return keepRefunds(delivery, refund.orderId(), List.of(refund));
	}

	/**
	 * Books the paid order once (a later delivery of it changes nothing), then the
	 * refunds it lists.
	 */
	private Result book(Delivery delivery, ShopOrder order, List<ShopRefund> listed) {
		this.store.lock(order.orderId());
		if (this.orders.exists(order.orderId())) {
			if (!listed.isEmpty()) {
				return keepRefunds(delivery, order.orderId(), listed);
			}
			return new Result(Outcome.IGNORED, "Order " + order.orderId() + " is booked already.", order.orderId());
		}
		if (order.email() == null || order.email().length() > 254 || !order.email().contains("@")) {
			throw new ShopEventException("Order " + order.orderId() + " has no customer e-mail.");
		}
		String currency = ShopMoney.currency(order.currency());
		List<OrderApi.Line> lines = this.products.lines(delivery.provider(), order);
		String coupon = partnerCoupon(order.couponCodes());
		this.orders.place(new OrderApi.NewOrder(order.orderId(), order.email(), order.firstName(), order.lastName(),
				order.referral(), order.occurredAt() != null ? order.occurredAt() : this.clock.instant(), currency,
				false, lines, coupon));
		BigDecimal booked = SaleLines.total(lines);
		this.store.booked(delivery.provider(), order.orderId(), order.gross() == null ? booked : order.gross(), booked);
		for (ShopRefund refund : listed) {
			this.store.keep(delivery.provider(), refund, delivery.deliveryId());
		}
		return new Result(Outcome.APPLIED, "Order " + order.orderId() + " of " + booked + " " + currency
				+ (coupon == null ? "" : " with coupon " + coupon), order.orderId());
	}

	/**
	 * Keeps the refunds not known yet; they are applied after the commit if (and once)
	 * their order is booked.
	 */
	private Result keepRefunds(Delivery delivery, String orderId, List<ShopRefund> refunds) {
		this.store.lock(orderId);
		int kept = 0;
		for (ShopRefund refund : refunds) {
			kept += this.store.keep(delivery.provider(), refund, delivery.deliveryId()) ? 1 : 0;
		}
		if (kept == 0) {
			return new Result(Outcome.IGNORED, "The refunds of " + orderId + " are known already.", orderId);
		}
		boolean booked = this.store.bookedOf(orderId).isPresent();
		return new Result(booked ? Outcome.APPLIED : Outcome.PENDING,
				kept + " refund(s) of " + orderId + (booked ? "" : " kept until the order arrives"), orderId);
	}

	/**
	 * The first of the order's discount codes that is an active partner coupon (it wins
	 * over the referral).
	 */
	private @Nullable String partnerCoupon(List<String> codes) {
		if (codes.isEmpty()) {
			return null;
		}
		Map<String, CouponApi.Owner> owners = this.coupons.activeOwners(codes);
		for (String code : codes) {
			CouponApi.Owner owner = owners.get(code.toLowerCase(Locale.ROOT));
			if (owner != null) {
				return owner.code();
			}
		}
		return null;
	}

}
