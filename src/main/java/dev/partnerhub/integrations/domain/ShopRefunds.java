package dev.partnerhub.integrations.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import dev.partnerhub.orders.OrderApi;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies the shop refunds kept for an order once it is booked: each in a transaction of
 * its own, after the delivery that kept it committed, so a refund that cannot be applied
 * (more than what is left) is rejected without taking the order down with it. A refund of
 * part of the gross takes the same share of what was booked; the refund that brings the
 * refunded gross to the order's gross (or that the shop marks as the full refund) takes
 * whatever is left.
 */
@Component
class ShopRefunds {

	private static final Logger log = LoggerFactory.getLogger(ShopRefunds.class);

	private final ShopStore store;

	private final OrderApi orders;

	private final TransactionTemplate transactions;

	private final Clock clock;

	ShopRefunds(ShopStore store, OrderApi orders, PlatformTransactionManager transactionManager, Clock clock) {
		this.store = store;
		this.orders = orders;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/**
	 * Applies the order's pending refunds when the order is booked; returns how many were
	 * applied.
	 */
	int settle(String orderId) {
		List<ShopRefund> waiting = this.transactions.execute(status -> this.store.pendingOf(orderId));
		int applied = 0;
		for (ShopRefund refund : waiting) {
			try {
				Boolean done = this.transactions.execute(status -> {
					this.store.lock(orderId);
					Optional<ShopStore.Booked> booked = this.store.bookedOf(orderId);
					if (booked.isEmpty() || !this.store.isPending(refund.refundId())) {
						return false; // not booked yet, or applied meanwhile by another
										// delivery's settling
					}
					String detail = apply(refund, booked.get());
					this.store.refundDone(refund.refundId(), "applied", detail, this.clock.instant());
					return true;
				});
				applied += Boolean.TRUE.equals(done) ? 1 : 0;
			}
			catch (ShopEventException | ConflictException | InvalidInputException | NotFoundException ex) {
				log.warn("Shop refund {} of {} cannot be applied: {}", refund.refundId(), orderId, ex.getMessage());
				this.transactions.executeWithoutResult(status -> this.store.refundDone(refund.refundId(), "rejected",
						ex.getMessage(), this.clock.instant()));
			}
		}
		return applied;
	}

	private String apply(ShopRefund refund, ShopStore.Booked booked) {
		BigDecimal amount; // null: what is left of the order
		if (refund.completes()) {
			amount = null;
		}
		else if (refund.net()) {
			amount = refund.amount().min(booked.booked());
		}
		else if (booked.gross().signum() <= 0
				|| this.store.refundedGross(refund.orderId()).add(refund.amount()).compareTo(booked.gross()) >= 0) {
			amount = null;
		}
		else {
			amount = booked.booked().multiply(refund.amount()).divide(booked.gross(), 2, RoundingMode.HALF_UP);
		}
		if (amount != null && amount.signum() <= 0) {
			return "refund " + refund.refundId() + " too small to change " + refund.orderId();
		}
		int changed = this.orders.refund(refund.orderId(), refund.refundId(), amount);
		return "refund " + refund.refundId() + " of " + (amount == null ? "the rest" : amount) + " on "
				+ refund.orderId() + ", " + changed + " commission(s) changed";
	}

}
