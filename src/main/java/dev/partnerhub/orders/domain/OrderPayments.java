package dev.partnerhub.orders.domain;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.partnerhub.audit.Actor;
import dev.partnerhub.audit.AuditEntry;
import dev.partnerhub.audit.AuditLog;
import dev.partnerhub.commissions.Attribution;
import dev.partnerhub.commissions.CommissionApi;
import dev.partnerhub.commissions.CommissionLine;
import dev.partnerhub.commissions.Refund;
import dev.partnerhub.commissions.Sale;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.contacts.ReferralResolver;
import dev.partnerhub.orders.OrderPlaced;
import dev.partnerhub.orders.OrderRefunded;
import dev.partnerhub.programs.Credit;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.NotFoundException;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What happens to an order after it was placed: its payment confirmed (an unpaid order
 * from the hosted form), recurring charges, refunds of the whole order or of one payment,
 * closing. Each command is idempotent by its external id (charge, refund) or by a
 * conditional update (payment), and asks the commissions module to credit or reverse.
 */
@Service
public class OrderPayments {

	private final OrderStore orders;

	private final ContactApi contacts;

	private final ReferralResolver referrals;

	private final CommissionApi commissions;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final AuditLog audit;

	private final Clock clock;

	OrderPayments(OrderStore orders, ContactApi contacts, ReferralResolver referrals, CommissionApi commissions,
			ApplicationEventPublisher events, PlatformTransactionManager transactionManager, AuditLog audit,
			Clock clock) {
		this.orders = orders;
		this.contacts = contacts;
		this.referrals = referrals;
		this.commissions = commissions;
		this.events = events;
		this.transactions = new TransactionTemplate(transactionManager);
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * The result of confirming an order's payment: its status and commissions afterwards.
	 * {@code changed} is false when it was paid already (an earlier or concurrent call,
	 * or an order that arrived paid): the same answer again.
	 *
	 * @param paidAt when an unpaid order's payment was confirmed; null for an order that
	 * arrived paid
	 */
	public record Paid(String orderId, long contactId, String status, @Nullable Instant paidAt,
			List<CommissionLine> commissions, boolean changed) {
	}

	public record ChargeCommand(String chargeId, BigDecimal amount, Instant occurredAt) {
	}

	public record Charged(String orderId, String chargeId, BigDecimal amount, List<CommissionLine> commissions,
			boolean created) {
	}

	public record RefundCommand(String refundId, BigDecimal amount) {
	}

	/**
	 * One payment of an order: its initial sale ({@code chargeId} null) or the recurring
	 * charge with that id.
	 */
	public record Payment(String chargeId) {
	}

	public record Refunded(String orderId, String refundId, BigDecimal amount, List<CommissionLine> commissions,
			boolean created) {
	}

	/**
	 * Confirms the payment of an unpaid order (an admin in the console, or the API): the
	 * order becomes {@code completed} and only now earns its commissions, exactly as the
	 * API credits an order: the click token that came with its form (if it was valid when
	 * the order was placed) is recorded as the buyer's referral, the partner is chosen
	 * from his referral info by the global credit rule, tier 1 and 2 by the same
	 * calculator, dated now (approval delays count from the payment). Idempotent and safe
	 * under concurrency: a conditional update claims the order, so however many calls
	 * race, the order is credited once and every call gets the same answer. Audited as
	 * {@code order.paid}. An unknown order is a NotFoundException.
	 */
	public Paid markPaid(String orderId) {
		String id = orderId == null ? "" : orderId.strip();
		return this.transactions.execute(status -> {
			// As stored: a repeated call answers the same paidAt.
			Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
			Optional<OrderStore.Claimed> claimed = this.orders.claimUnpaid(id, now);
			Order order = this.orders.find(id, false).orElseThrow(() -> new NotFoundException("No order " + orderId));
			if (claimed.isEmpty()) {
				return new Paid(order.orderId(), order.contactId(), order.status(), this.orders.paidAt(order.id()),
						this.commissions.findBySale(order.id(), null), false);
			}
			String referral = claimed.get().referral();
			Optional<ReferralResolver.Referrer> referrer = referral == null ? Optional.empty()
					: this.referrals.click(referral, order.occurredAt()).map(ReferralResolver.Click::referrer);
			// The referral is recorded as the API records an order's (first once, last
			// always; not the buyer himself).
			ContactSummary buyer = referrer.isPresent()
					? this.contacts.upsertReferred(order.email(), null, null, referrer.get(), now, referral)
					: this.contacts.findById(order.contactId()).orElseThrow();
			Optional<Attribution> attribution = this.commissions.attribute(buyer);
			attribution.ifPresent(a -> this.orders.attribute(order.id(), a.partnerId(), a.rule().value()));
			List<Sale.Line> lines = order.items()
				.stream()
				.map(item -> new Sale.Line(item.id(), item.productId(), item.sku(), item.quantity(), item.lineNet()))
				.toList();
			List<CommissionLine> credited = this.commissions.credit(new Sale(order.id(), null, null, buyer.id(),
					order.currency(), now, now, attribution.orElse(null), lines, buyer.email()));
			this.events.publishEvent(new OrderPlaced(order.id(), order.orderId(), buyer.id(), order.total(),
					order.currency(), false, order.occurredAt()));
			this.audit.record(AuditEntry
				.of(Actor.current(), "order.paid", "order", order.orderId(), "status=unpaid", "status=completed")
				.withDetail("payment of " + order.total().setScale(2) + " " + order.currency()
						+ " confirmed; commissions: " + describe(credited)));
			return new Paid(order.orderId(), buyer.id(), "completed", now, credited, true);
		});
	}

	public Charged charge(String orderId, ChargeCommand command) {
		OrderChecks.requireId("chargeId", command.chargeId());
		OrderChecks.requireMoney("amount", command.amount(), false);
		return this.transactions.execute(status -> {
			Order order = lockedOrder(orderId);
			String chargeId = command.chargeId().strip();
			Optional<Order.Charge> existing = order.charges()
				.stream()
				.filter(c -> c.chargeId().equals(chargeId))
				.findFirst();
			if (existing.isPresent()) {
				if (existing.get().amount().compareTo(command.amount()) != 0) {
					throw new ConflictException("chargeId", "Charge " + chargeId + " was already recorded with amount "
							+ existing.get().amount() + ".");
				}
				return new Charged(order.orderId(), chargeId, existing.get().amount(),
						this.commissions.findBySale(order.id(), existing.get().id()), false);
			}
			if (!order.recurring()) {
				throw new ConflictException("orderId", "Order " + order.orderId() + " is not recurring.");
			}
			if (!order.open()) {
				throw new ConflictException("orderId", "Order " + order.orderId() + " is closed.");
			}
			Instant at = command.occurredAt() == null ? this.clock.instant() : command.occurredAt();
			long chargeRow = this.orders.insertCharge(order.id(), chargeId, command.amount(), at);
			List<BigDecimal> parts = Allocation.split(command.amount(),
					order.items().stream().map(Order.Item::lineNet).toList());
			List<Sale.Line> lines = new ArrayList<>();
			for (int i = 0; i < order.items().size(); i++) {
				Order.Item item = order.items().get(i);
				lines.add(new Sale.Line(item.id(), item.productId(), item.sku(), item.quantity(), parts.get(i)));
			}
			List<CommissionLine> credited = this.commissions.credit(new Sale(order.id(), chargeRow, chargeId,
					order.contactId(), order.currency(), at, order.occurredAt(), attribution(order), lines));
			return new Charged(order.orderId(), chargeId, command.amount(), credited, true);
		});
	}

	private static @Nullable Attribution attribution(Order order) {
		if (order.referrerId() == null) {
			return null;
		}
		return order.couponCode() != null ? Attribution.byCoupon(order.referrerId(), order.couponCode())
				: new Attribution(order.referrerId(), Credit.of(order.creditRule()));
	}

	public Refunded refund(String orderId, RefundCommand command) {
		return refund(orderId, command, null);
	}

	/**
	 * A refund of the whole order ({@code payment} null: pro rata over the sale and every
	 * charge, as the API does) or of one payment (only its commissions are reduced or
	 * clawed back; at most what is left of that payment).
	 */
	public Refunded refund(String orderId, RefundCommand command, Payment payment) {
		OrderChecks.requireId("refundId", command.refundId());
		if (command.amount() != null) {
			OrderChecks.requireMoney("amount", command.amount(), false);
		}
		return this.transactions.execute(status -> {
			Order order = lockedOrder(orderId);
			String refundId = command.refundId().strip();
			Optional<Order.Refund> existing = order.refunds()
				.stream()
				.filter(r -> r.refundId().equals(refundId))
				.findFirst();
			if (existing.isPresent()) {
				Order.Refund before = existing.get();
				boolean same = before.requested() == null ? command.amount() == null
						: command.amount() != null && before.requested().compareTo(command.amount()) == 0;
				if (!same) {
					throw new ConflictException("refundId",
							"Refund " + refundId + " was already recorded with another amount.");
				}
				return new Refunded(order.orderId(), refundId, before.amount(),
						this.commissions.findByRefund(before.id()), false);
			}
			if ("unpaid".equals(order.status())) {
				throw new ConflictException("orderId",
						"Order " + order.orderId() + " is unpaid: confirm its payment before refunding it.");
			}
			Order.Charge charge = payment == null || payment.chargeId() == null ? null
					: order.charges()
						.stream()
						.filter(c -> c.chargeId().equals(payment.chargeId().strip()))
						.findFirst()
						.orElseThrow(() -> new NotFoundException(
								"No charge " + payment.chargeId() + " of order " + order.orderId()));
			BigDecimal refundable = payment == null ? order.refundable() : order.refundableOf(charge);
			if (refundable.signum() <= 0) {
				throw new ConflictException("amount", (payment == null ? "Order " : "This payment of order ")
						+ order.orderId() + " is already fully refunded.");
			}
			BigDecimal amount = command.amount() == null ? refundable : command.amount();
			if (amount.compareTo(refundable) > 0) {
				throw new ConflictException("amount", "Refund of " + amount + " exceeds the " + refundable
						+ " that is left to refund on order " + order.orderId() + ".");
			}
			Instant now = this.clock.instant();
			long refundRow = this.orders.insertRefund(order.id(), refundId, command.amount(), amount, now,
					payment != null && charge == null, charge == null ? null : charge.id());
			List<Refund.Part> parts = payment == null ? refundParts(order, amount) : refundParts(order, amount, charge);
			// full: the order as a whole is refunded now, so whatever is left of every
			// commission goes
			List<CommissionLine> changed = this.commissions.refund(
					new Refund(order.id(), refundRow, refundId, now, parts, amount.compareTo(order.refundable()) == 0));
			// a replay returned above: one entry per refund actually made
			this.audit.record(AuditEntry.of(Actor.current(), "order.refund", "order", order.orderId(),
					"refunded=" + order.refunded().setScale(2), "refunded=" + order.refunded().add(amount).setScale(2))
				.withDetail("refund " + refundId + " of " + amount.setScale(2) + " " + order.currency()
						+ (payment == null ? ""
								: charge == null ? " (the initial sale)" : " (charge " + charge.chargeId() + ")")
						+ "; commissions: " + describe(changed)));
			// outgoing webhooks (order.refunded)
			this.events.publishEvent(new OrderRefunded(order.id(), order.orderId(), refundRow, refundId, amount,
					order.currency(), amount.compareTo(order.refundable()) == 0, now));
			return new Refunded(order.orderId(), refundId, amount, changed, true);
		});
	}

	private static String describe(List<CommissionLine> changed) {
		if (changed.isEmpty()) {
			return "none";
		}
		return changed.stream()
			.map(c -> (c.clawbackOf() == null ? "#" + c.id() : "clawback #" + c.id() + " of #" + c.clawbackOf()) + " "
					+ c.partnerCode() + " tier " + c.tier() + " " + c.amount() + " " + c.status().value())
			.collect(Collectors.joining(", "));
	}

	/**
	 * The refund split over every base a commission may stand on: each item of the
	 * initial sale, and each item's share of every charge (the same split the charge
	 * used), pro rata with the remainder on the last base.
	 */
	static List<Refund.Part> refundParts(Order order, BigDecimal amount) {
		List<Long> items = new ArrayList<>();
		List<Long> charges = new ArrayList<>();
		List<BigDecimal> bases = new ArrayList<>();
		List<BigDecimal> nets = order.items().stream().map(Order.Item::lineNet).toList();
		for (Order.Item item : order.items()) {
			items.add(item.id());
			charges.add(null);
			bases.add(item.lineNet());
		}
		for (Order.Charge charge : order.charges()) {
			List<BigDecimal> split = Allocation.split(charge.amount(), nets);
			for (int i = 0; i < order.items().size(); i++) {
				items.add(order.items().get(i).id());
				charges.add(charge.id());
				bases.add(split.get(i));
			}
		}
		List<BigDecimal> refunded = Allocation.split(amount, bases);
		List<Refund.Part> parts = new ArrayList<>();
		for (int i = 0; i < bases.size(); i++) {
			parts.add(new Refund.Part(items.get(i), charges.get(i), bases.get(i), refunded.get(i)));
		}
		return parts;
	}

	/**
	 * The refund split over one payment's bases: each item of the initial sale, or each
	 * item's share of a charge.
	 */
	static List<Refund.Part> refundParts(Order order, BigDecimal amount, Order.Charge charge) {
		List<BigDecimal> nets = order.items().stream().map(Order.Item::lineNet).toList();
		List<BigDecimal> bases = charge == null ? nets : Allocation.split(charge.amount(), nets);
		List<BigDecimal> refunded = Allocation.split(amount, bases);
		List<Refund.Part> parts = new ArrayList<>();
		for (int i = 0; i < bases.size(); i++) {
			parts.add(new Refund.Part(order.items().get(i).id(), charge == null ? null : charge.id(), bases.get(i),
					refunded.get(i)));
		}
		return parts;
	}

	public Order close(String orderId) {
		return this.transactions.execute(status -> {
			Order order = lockedOrder(orderId);
			if (!order.recurring()) {
				throw new ConflictException("orderId", "Order " + order.orderId() + " is not a recurring order.");
			}
			if (order.open()) {
				this.orders.close(order.id(), this.clock.instant());
			}
			return this.orders.find(order.orderId(), false).orElseThrow();
		});
	}

	private Order lockedOrder(String orderId) {
		return this.orders.find(orderId == null ? "" : orderId.strip(), true)
			.orElseThrow(() -> new NotFoundException("No order " + orderId));
	}

}
