package dev.partnerhub.integrations.domain;

import static dev.partnerhub.integrations.domain.StripeObjects.refs;
import static dev.partnerhub.integrations.domain.StripeObjects.required;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import dev.partnerhub.orders.OrderApi;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refunds from {@code charge.refunded}: booked on the payment's order when we know it,
 * else kept pending until the event that books the payment arrives ({@link #settle}).
 * Stripe sends the charge's refunded total; what is new is what it adds to the refunds
 * booked before.
 */
@Component
class StripeRefunds {

	private static final Logger log = LoggerFactory.getLogger(StripeRefunds.class);

	private final StripeStore store;

	private final OrderApi orders;

	private final TransactionTemplate transactions;

	private final Clock clock;

	StripeRefunds(StripeStore store, OrderApi orders, PlatformTransactionManager transactionManager, Clock clock) {
		this.store = store;
		this.orders = orders;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	StripeIngestion.Result chargeRefunded(StripeEvent event) {
		JsonNode charge = event.object();
		String chargeId = required(Json.text(charge, "id"), "The charge has no id.");
		String currency = StripeMoney.currency(Json.text(charge, "currency"));
		Long amountMinor = Json.number(charge, "amount");
		Long refundedMinor = Json.number(charge, "amount_refunded");
		if (amountMinor == null || refundedMinor == null || amountMinor <= 0) {
			throw new StripeEventException("Charge " + chargeId + " has no amount or amount_refunded.");
		}
		BigDecimal chargeAmount = StripeMoney.amount(amountMinor, currency);
		BigDecimal refundedTotal = StripeMoney.amount(Math.min(refundedMinor, amountMinor), currency);
		List<String> refs = refs(Json.id(charge, "payment_intent"), Json.id(charge, "invoice"), chargeId);
		this.store.lockLinks();
		BigDecimal known = this.store.refundedOf(chargeId);
		BigDecimal delta = refundedTotal.subtract(known);
		if (delta.signum() <= 0) {
			return new StripeIngestion.Result(StripeIngestion.Outcome.IGNORED,
					"The refunds of " + chargeId + " are booked already.");
		}
		// the refunds the payload lists (older API versions, or expanded) when they
		// account for what is new
		List<StripeStore.Refund> fresh = new ArrayList<>();
		BigDecimal running = known;
		for (JsonNode refund : Json.list(charge, "refunds")) {
			String refundId = Json.text(refund, "id");
			String state = Json.text(refund, "status");
			Long minor = Json.number(refund, "amount");
			if (refundId == null || minor == null || "failed".equals(state) || "canceled".equals(state)
					|| this.store.refundKnown(refundId)) {
				continue;
			}
			running = running.add(StripeMoney.amount(minor, currency));
			fresh.add(new StripeStore.Refund(refundId, chargeId, StripeMoney.amount(minor, currency), chargeAmount,
					running.compareTo(chargeAmount) >= 0, currency, refs));
		}
		if (running.compareTo(refundedTotal) != 0) {
			// no list, or one that does not add up: one refund for what is new, named by
			// the total it brings
			fresh = List.of(new StripeStore.Refund(chargeId + ":refunded:" + refundedMinor, chargeId, delta,
					chargeAmount, refundedTotal.compareTo(chargeAmount) >= 0, currency, refs));
		}
		Optional<StripeStore.Target> target = this.store.resolve(refs);
		List<String> notes = new ArrayList<>();
		for (StripeStore.Refund refund : fresh) {
			if (target.isPresent()) {
				notes.add(applyRefund(refund, target.get(), event.id()));
			}
			else {
				this.store.insertRefund(refund, "pending", null, "waiting for the payment's order", event.id(),
						this.clock.instant());
				notes.add("refund " + refund.refundId() + " of " + refund.amount() + " waits for its order");
			}
		}
		return new StripeIngestion.Result(
				target.isPresent() ? StripeIngestion.Outcome.APPLIED : StripeIngestion.Outcome.PENDING,
				String.join("; ", notes));
	}

	/**
	 * Books one refund on its payment: its share of what was booked (or the rest, once
	 * the charge is refunded).
	 */
	private String applyRefund(StripeStore.Refund refund, StripeStore.Target target, String eventId) {
		BigDecimal amount = null;
		if (!refund.completes()) {
			BigDecimal booked = target.booked() == null ? refund.chargeAmount() : target.booked();
			amount = booked.multiply(refund.amount()).divide(refund.chargeAmount(), 2, RoundingMode.HALF_UP);
		}
		String detail;
		if (amount != null && amount.signum() <= 0) {
			detail = "refund " + refund.refundId() + " too small to change " + target.orderId();
		}
		else {
			int changed = this.orders.refundPayment(target.orderId(), target.chargeId(), refund.refundId(), amount);
			detail = "refund " + refund.refundId() + " of " + (amount == null ? "the rest" : amount) + " on "
					+ target.orderId() + (target.chargeId() == null ? "" : " (" + target.chargeId() + ")") + ", "
					+ changed + " commission(s) changed";
		}
		if (this.store.refundKnown(refund.refundId())) {
			this.store.refundDone(refund.refundId(), "applied", target.orderId(), detail, this.clock.instant());
		}
		else {
			this.store.insertRefund(refund, "applied", target.orderId(), detail, eventId, this.clock.instant());
		}
		return detail;
	}

	/**
	 * Applies the pending refunds these refs now lead to, each in a transaction of its
	 * own after the event that booked their payment committed: a refund that cannot be
	 * applied (more than what is left) is marked rejected without taking the order down
	 * with it. Returns how many were applied.
	 */
	int settle(List<String> refs) {
		if (refs.isEmpty()) {
			return 0;
		}
		int applied = 0;
		List<StripeStore.Refund> waiting = this.transactions.execute(status -> this.store.pendingFor(refs));
		for (StripeStore.Refund refund : waiting) {
			try {
				Boolean done = this.transactions.execute(status -> {
					this.store.lockLinks();
					if (!this.store.isPending(refund.refundId())) {
						return false; // applied meanwhile by another event's settling
					}
					Optional<StripeStore.Target> target = this.store.resolve(refund.refs());
					target.ifPresent(t -> applyRefund(refund, t, null));
					return target.isPresent();
				});
				applied += Boolean.TRUE.equals(done) ? 1 : 0;
			}
			catch (ConflictException | InvalidInputException | NotFoundException ex) {
				log.warn("Waiting Stripe refund {} cannot be applied: {}", refund.refundId(), ex.getMessage());
				this.transactions.executeWithoutResult(status -> this.store.refundDone(refund.refundId(), "rejected",
						null, ex.getMessage(), this.clock.instant()));
			}
		}
		return applied;
	}

}
