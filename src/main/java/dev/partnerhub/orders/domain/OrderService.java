package dev.partnerhub.orders.domain;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import dev.partnerhub.partners.CouponApi;
import dev.partnerhub.programs.Credit;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.Currencies;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.MoneyInput;
import dev.partnerhub.support.NotFoundException;
import dev.partnerhub.support.PartnerhubProperties;
import io.micrometer.core.instrument.MeterRegistry;

import jakarta.annotation.PreDestroy;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Order ingestion: records orders, recurring charges, refunds and closing, and asks the commissions module to credit
 * or reverse. Every command is idempotent by its external id (order, charge, refund).
 */
@Service
public class OrderService {

	private final OrderRepository orders;

	private final ContactApi contacts;

	private final ReferralResolver referrals;

	private final ProgramApi programs;

	private final CommissionApi commissions;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final AuditLog audit;

	private final Clock clock;

	private final OrderGroupCommit groupCommit;

	private final int maxQuantity;

	/** Partner coupons: an active one credits its partner for that order, before any referral info. */
	private final CouponApi coupons;

	OrderService(OrderRepository orders, ContactApi contacts, ReferralResolver referrals, ProgramApi programs,
			CommissionApi commissions, ApplicationEventPublisher events, PlatformTransactionManager transactionManager,
			AuditLog audit, Clock clock,
			PartnerhubProperties properties, ObjectProvider<MeterRegistry> meters, CouponApi coupons) {
		int writers = properties.orders().groupCommit().writers();
		int maxBatch = properties.orders().groupCommit().maxBatch();
		this.maxQuantity = properties.orders().maxQuantity();
		this.coupons = coupons;
		this.orders = orders;
		this.contacts = contacts;
		this.referrals = referrals;
		this.programs = programs;
		this.commissions = commissions;
		this.events = events;
		this.transactions = new TransactionTemplate(transactionManager);
		this.audit = audit;
		this.clock = clock;
		this.groupCommit = writers <= 0 ? null : new OrderGroupCommit(this::placeAll, this.orders::stored,
				this.transactions, writers, Math.max(1, maxBatch));
		if (this.groupCommit != null) {
			meters.ifAvailable(this.groupCommit::bindTo);
		}
	}

	/** After the web server's graceful shutdown: what is queued is written before the pool closes. */
	@PreDestroy
	void stopGroupCommit() {
		if (this.groupCommit != null) {
			this.groupCommit.close();
		}
	}

	/** The result of placing an order; {@code created} is false for a replay. */
	public record Placed(String orderId, long contactId, List<CommissionLine> commissions, boolean created) {
	}

	/**
	 * The result of confirming an order's payment: its status and commissions afterwards. {@code changed} is false
	 * when it was paid already (an earlier or concurrent call, or an order that arrived paid): the same answer again.
	 * @param paidAt when an unpaid order's payment was confirmed; null for an order that arrived paid
	 */
	public record Paid(String orderId, long contactId, String status, Instant paidAt,
			List<CommissionLine> commissions, boolean changed) {
	}

	public record ChargeCommand(String chargeId, BigDecimal amount, Instant occurredAt) {
	}

	public record Charged(String orderId, String chargeId, BigDecimal amount, List<CommissionLine> commissions,
			boolean created) {
	}

	public record RefundCommand(String refundId, BigDecimal amount) {
	}

	/** One payment of an order: its initial sale ({@code chargeId} null) or the recurring charge with that id. */
	public record Payment(String chargeId) {
	}

	public record Refunded(String orderId, String refundId, BigDecimal amount, List<CommissionLine> commissions,
			boolean created) {
	}

	public record OrderDetails(Order order, List<CommissionLine> commissions) {
	}

	/**
	 * A new order in one transaction of a few statements: contact upsert (with the referral), order and items
	 * (insert unless the order id exists), commissions; committed before the answer. A replay finds the order id
	 * taken, rolls its own work back and answers from the stored order: concurrent replays wait for the first
	 * insert's commit on the unique order id, so one set of commissions is ever created.
	 */
	public Placed place(PlaceOrder command) {
		validate(command, this.maxQuantity);
		String hash = RequestHash.of(command);
		String orderId = command.orderId().strip();
		// Shared commit with other requests' orders, unless the caller has a transaction this order must join.
		if (this.groupCommit != null && !TransactionSynchronizationManager.isActualTransactionActive()) {
			Placed grouped = this.groupCommit.place(command, orderId, hash);
			if (grouped != null) {
				return grouped;
			}
		}
		return placeAlone(command, orderId, hash);
	}

	/** One order in a transaction of its own (or the caller's); also the answer for replays and failed batches. */
	private Placed placeAlone(PlaceOrder command, String orderId, String hash) {
		for (int attempt = 0; attempt < 3; attempt++) {
			Placed placed = this.transactions.execute(status -> {
				Placed created = placeNew(command, orderId, hash);
				if (created == null) {
					status.setRollbackOnly(); // a replay: nothing of this attempt is kept
				}
				return created;
			});
			if (placed != null) {
				return placed;
			}
			Optional<Placed> replayed = this.transactions
				.execute(status -> this.orders.find(orderId, false).map(existing -> replay(existing, hash)));
			if (replayed.isPresent()) {
				return replayed.get();
			}
			// the order that held the id was removed meanwhile: try again as a new one
		}
		throw new ConflictException("orderId", "Order " + orderId + " is being changed concurrently; try again.");
	}

	/**
	 * An order from the public hosted form ({@code /buy/{sku}}): anybody can post it, so nothing in it is money yet.
	 * It is stored {@code unpaid}, credits nobody and publishes no {@link OrderPlaced}; {@link #markPaid} does that
	 * once the payment is confirmed. The buyer is received as public forms receive contacts (an existing contact is
	 * not renamed, see {@code ContactApi.receivePublic}); the referral counts only as a genuine click token, which is
	 * applied to the contact by those rules and remembered on the order. Idempotent by order id like {@link #place}.
	 */
	public Placed placeUnpaid(PlaceOrder command) {
		validate(command, this.maxQuantity);
		if (command.isRecurring()) {
			throw new InvalidInputException("recurring", "The order form takes one-time orders only.");
		}
		String hash = RequestHash.of(command);
		String orderId = command.orderId().strip();
		for (int attempt = 0; attempt < 3; attempt++) {
			Placed placed = this.transactions.execute(status -> {
				Placed created = this.orders.exists(orderId) ? null : placeUnpaidNew(command, orderId, hash);
				if (created == null) {
					status.setRollbackOnly(); // a replay: nothing of this attempt is kept
				}
				return created;
			});
			if (placed != null) {
				return placed;
			}
			Optional<Placed> replayed = this.transactions
				.execute(status -> this.orders.find(orderId, false).map(existing -> replay(existing, hash)));
			if (replayed.isPresent()) {
				return replayed.get();
			}
		}
		throw new ConflictException("orderId", "Order " + orderId + " is being changed concurrently; try again.");
	}

	/** Null when the order id is taken (a concurrent submit of the same form). */
	private Placed placeUnpaidNew(PlaceOrder command, String orderId, String hash) {
		List<ProductSummary> products = products(new NewOrderRequest(command, orderId, hash));
		if (products == null) {
			return null;
		}
		Instant now = command.occurredAt() == null ? this.clock.instant() : command.occurredAt();
		Optional<ReferralResolver.Click> click = command.referral() == null || command.referral().isBlank()
				? Optional.empty() : this.referrals.click(command.referral().strip(), now);
		ContactSummary contact = this.contacts
			.receivePublic(command.email().strip(), command.firstName(), command.lastName(), click.orElse(null))
			.contact();
		BigDecimal total = BigDecimal.ZERO.setScale(2);
		List<OrderRepository.NewItem> items = new ArrayList<>();
		for (int i = 0; i < command.items().size(); i++) {
			PlaceOrder.Item item = command.items().get(i);
			BigDecimal net = item.unitPrice().multiply(BigDecimal.valueOf(item.quantity())).setScale(2);
			total = total.add(net);
			items.add(new OrderRepository.NewItem(i + 1, products.get(i), item.quantity(), item.unitPrice(), net));
		}
		OrderRepository.Inserted inserted = this.orders
			.insertOrders(List.of(new OrderRepository.NewOrder(orderId, contact.id(),
					command.currency(), "unpaid", false, now, total, hash, null, null,
					items, null)))
			.get(orderId);
		if (inserted == null) {
			return null;
		}
		click.ifPresent(c -> this.orders.rememberReferral(inserted.id(), c.token()));
		return new Placed(orderId, contact.id(), List.of(), true);
	}

	/**
	 * Confirms the payment of an unpaid order (an admin in the console, or the API): the order becomes
	 * {@code completed} and only now earns its commissions, exactly as the API credits an order: the click token
	 * that came with its form (if it was valid when the order was placed) is recorded as the buyer's referral, the
	 * partner is chosen from his referral info by the global credit rule, tier 1 and 2 by the same calculator, dated
	 * now (approval delays count from the payment). Idempotent and safe under concurrency: a conditional update
	 * claims the order, so however many calls race, the order is credited once and every call gets the same answer.
	 * Audited as {@code order.paid}. An unknown order is a NotFoundException.
	 */
	public Paid markPaid(String orderId) {
		String id = orderId == null ? "" : orderId.strip();
		return this.transactions.execute(status -> {
			// As stored: a repeated call answers the same paidAt.
			Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
			Optional<OrderRepository.Claimed> claimed = this.orders.claimUnpaid(id, now);
			Order order = this.orders.find(id, false).orElseThrow(() -> new NotFoundException("No order " + orderId));
			if (claimed.isEmpty()) {
				return new Paid(order.orderId(), order.contactId(), order.status(), this.orders.paidAt(order.id()),
						this.commissions.findBySale(order.id(), null), false);
			}
			String referral = claimed.get().referral();
			Optional<ReferralResolver.Referrer> referrer = referral == null ? Optional.empty()
					: this.referrals.click(referral, order.occurredAt()).map(ReferralResolver.Click::referrer);
			// The referral is recorded as the API records an order's (first once, last always; not the buyer himself).
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
			this.audit.record(AuditEntry.of(Actor.current(), "order.paid", "order", order.orderId(), "status=unpaid",
					"status=completed")
				.withDetail("payment of " + order.total().setScale(2) + " " + order.currency()
						+ " confirmed; commissions: " + describe(credited)));
			return new Paid(order.orderId(), buyer.id(), "completed", now, credited, true);
		});
	}

	/**
	 * A sale recorded for an imported commission: a completed one-line order, no commissions computed (see
	 * {@link dev.partnerhub.orders.OrderApi#recordSale}). Joins the caller's transaction.
	 */
	public Optional<dev.partnerhub.orders.OrderApi.RecordedSale> recordSale(dev.partnerhub.orders.OrderApi.ExternalSale sale) {
		requireId("orderId", sale.orderId());
		requireMoney("amount", sale.amount(), true);
		String orderId = sale.orderId().strip();
		String currency = Currencies.require("currency", sale.currency());
		return this.transactions.execute(status -> {
			if (this.orders.exists(orderId)) {
				return Optional.empty();
			}
			ProductSummary product = sale.sku() == null || sale.sku().isBlank()
					? this.programs.ensureProduct(dev.partnerhub.orders.OrderApi.IMPORTED_SKU,
							"Imported commission (no product)", currency)
					: this.programs.findProductBySku(sale.sku().strip())
						.orElseThrow(() -> new InvalidInputException("sku", "Unknown sku '" + sale.sku().strip() + "'."));
			ContactSummary contact = this.contacts.upsertReferred(sale.email().strip(), null, null, null,
					sale.occurredAt(), null);
			BigDecimal net = sale.amount().setScale(2);
			Optional<OrderRepository.Inserted> inserted = Optional.ofNullable(this.orders
				.insertOrders(List.of(new OrderRepository.NewOrder(orderId, contact.id(), currency, "completed", false,
						sale.occurredAt(), net, "imported", sale.referrerId(), null,
						List.of(new OrderRepository.NewItem(1, product, 1, net, net)), null)))
				.get(orderId));
			return inserted.map(row -> new dev.partnerhub.orders.OrderApi.RecordedSale(row.id(), row.itemIds().get(0),
					contact.id(), product.id(), product.sku(), net));
		});
	}

	/** A validated new order: the request, its stripped id and its body's hash. */
	record NewOrderRequest(PlaceOrder command, String orderId, String hash) {
	}

	/** Null when the order id is taken (a replay). */
	private Placed placeNew(PlaceOrder command, String orderId, String hash) {
		return placeAll(List.of(new NewOrderRequest(command, orderId, hash))).get(0);
	}

	/**
	 * New orders in the caller's transaction, with one statement per step for all of them (contacts, orders and
	 * items, commissions). Orders of the same buyer go in rounds, one per order, in the given sequence: one statement
	 * cannot update a contact twice, and the later order must see the referral the earlier one recorded. Answers in
	 * the given order; null for an order whose id is taken (a replay).
	 */
	List<Placed> placeAll(List<NewOrderRequest> requests) {
		Placed[] answers = new Placed[requests.size()];
		List<List<ProductSummary>> products = new ArrayList<>(requests.size());
		List<Integer> pending = new ArrayList<>();
		for (int r = 0; r < requests.size(); r++) {
			NewOrderRequest request = requests.get(r);
			List<ProductSummary> found = products(request);
			products.add(found);
			if (found != null) {
				pending.add(r);
			}
		}
		Map<String, CouponApi.Owner> couponOwners = couponOwners(requests);
		while (!pending.isEmpty()) {
			Set<String> buyers = new HashSet<>();
			List<Integer> round = new ArrayList<>();
			List<Integer> later = new ArrayList<>();
			for (int r : pending) {
				(buyers.add(requests.get(r).command().buyerKey()) ? round : later).add(r);
			}
			placeRound(requests, products, round, answers, couponOwners);
			pending = later;
		}
		return new ArrayList<>(Arrays.asList(answers));
	}

	/** The active coupons the orders name, in one read for the whole batch; none when no order names one. */
	private Map<String, CouponApi.Owner> couponOwners(List<NewOrderRequest> requests) {
		List<String> codes = requests.stream().map(r -> r.command().coupon()).filter(c -> c != null).toList();
		return codes.isEmpty() ? Map.of() : this.coupons.activeOwners(codes);
	}

	/** The order's products by sku (cached); null when one is unknown but the order id is stored (a replay). */
	private List<ProductSummary> products(NewOrderRequest request) {
		List<ProductSummary> found = new ArrayList<>();
		List<PlaceOrder.Item> items = request.command().items();
		for (int i = 0; i < items.size(); i++) {
			String sku = items.get(i).sku().strip();
			Optional<ProductSummary> product = this.programs.findProductBySku(sku);
			if (product.isEmpty()) {
				if (this.orders.exists(request.orderId())) {
					return null; // a replay of an order whose product has changed since: answered from the order
				}
				throw new InvalidInputException("items[" + i + "].sku", "Unknown sku '" + sku + "'.");
			}
			found.add(product.get());
		}
		return found;
	}

	/** Orders of different buyers: their contacts, orders and items, and commissions, a statement each. */
	private void placeRound(List<NewOrderRequest> requests, List<List<ProductSummary>> products, List<Integer> round,
			Placed[] answers, Map<String, CouponApi.Owner> couponOwners) {
		List<Instant> times = new ArrayList<>(round.size());
		List<ContactApi.ReferredBuyer> buyers = new ArrayList<>(round.size());
		for (int r : round) {
			PlaceOrder command = requests.get(r).command();
			Instant occurredAt = command.occurredAt() == null ? this.clock.instant() : command.occurredAt();
			times.add(occurredAt);
			buyers.add(new ContactApi.ReferredBuyer(command.email().strip(), command.firstName(), command.lastName(),
					resolve(command.referral()).orElse(null), occurredAt, command.referral()));
		}
		List<ContactSummary> contacts = this.contacts.upsertReferredAll(buyers);
		List<Optional<Attribution>> attributions = new ArrayList<>(round.size());
		List<OrderRepository.NewOrder> rows = new ArrayList<>(round.size());
		for (int k = 0; k < round.size(); k++) {
			NewOrderRequest request = requests.get(round.get(k));
			PlaceOrder command = request.command();
			// an active coupon wins over cookies and referral info for this order; else the buyer's referrer
			CouponApi.Owner coupon = command.coupon() == null ? null
					: couponOwners.get(command.coupon().toLowerCase(Locale.ROOT));
			Optional<Attribution> attribution = coupon != null
					? Optional.of(Attribution.byCoupon(coupon.partnerId(), coupon.code()))
					: this.commissions.attribute(contacts.get(k));
			attributions.add(attribution);
			BigDecimal total = BigDecimal.ZERO.setScale(2);
			List<OrderRepository.NewItem> items = new ArrayList<>();
			for (int i = 0; i < command.items().size(); i++) {
				PlaceOrder.Item item = command.items().get(i);
				BigDecimal net = item.unitPrice().multiply(BigDecimal.valueOf(item.quantity())).setScale(2);
				total = total.add(net);
				items.add(new OrderRepository.NewItem(i + 1, products.get(round.get(k)).get(i), item.quantity(),
						item.unitPrice(), net));
			}
			rows.add(new OrderRepository.NewOrder(request.orderId(), contacts.get(k).id(),
					command.currency(), command.isRecurring() ? "open" : "completed",
					command.isRecurring(), times.get(k), total, request.hash(),
					attribution.map(Attribution::partnerId).orElse(null),
					attribution.map(a -> a.rule() == null ? null : a.rule().value()).orElse(null), items,
					coupon == null ? null : coupon.code()));
		}
		Map<String, OrderRepository.Inserted> inserted = this.orders.insertOrders(rows);
		List<Integer> placed = new ArrayList<>();
		List<Sale> sales = new ArrayList<>();
		for (int k = 0; k < round.size(); k++) {
			OrderRepository.NewOrder row = rows.get(k);
			OrderRepository.Inserted ids = inserted.get(row.orderId());
			if (ids == null) {
				continue; // the id is taken: answered null, a replay
			}
			List<Sale.Line> lines = new ArrayList<>();
			for (int i = 0; i < row.items().size(); i++) {
				OrderRepository.NewItem item = row.items().get(i);
				lines.add(new Sale.Line(ids.itemIds().get(i), item.product().id(), item.product().sku(),
						item.quantity(), item.net()));
			}
			placed.add(k);
			sales.add(new Sale(ids.id(), null, null, row.contactId(), row.currency(), row.occurredAt(),
					row.occurredAt(), attributions.get(k).orElse(null), lines, contacts.get(k).email()));
		}
		List<List<CommissionLine>> credited = sales.isEmpty() ? List.of() : this.commissions.creditAll(sales);
		for (int s = 0; s < placed.size(); s++) {
			int k = placed.get(s);
			OrderRepository.NewOrder row = rows.get(k);
			long id = sales.get(s).orderId();
			this.events.publishEvent(new OrderPlaced(id, row.orderId(), row.contactId(), row.total(), row.currency(),
					row.recurring(), row.occurredAt()));
			answers[round.get(k)] = new Placed(row.orderId(), row.contactId(), credited.get(s), true);
		}
	}

	private Placed replay(Order existing, String hash) {
		if (!existing.requestHash().equals(hash)) {
			throw new ConflictException("orderId",
					"Order " + existing.orderId() + " was already recorded with a different body.");
		}
		return new Placed(existing.orderId(), existing.contactId(), this.commissions.findBySale(existing.id(), null),
				false);
	}

	/** The first resolver that knows the referral wins (click tokens, then partner codes). */
	private Optional<ReferralResolver.Referrer> resolve(String referral) {
		if (referral == null || referral.isBlank()) {
			return Optional.empty();
		}
		return this.referrals.resolve(referral.strip());
	}

	public Charged charge(String orderId, ChargeCommand command) {
		requireId("chargeId", command.chargeId());
		requireMoney("amount", command.amount(), false);
		return this.transactions.execute(status -> {
			Order order = lockedOrder(orderId);
			String chargeId = command.chargeId().strip();
			Optional<Order.Charge> existing = order.charges()
				.stream()
				.filter(c -> c.chargeId().equals(chargeId))
				.findFirst();
			if (existing.isPresent()) {
				if (existing.get().amount().compareTo(command.amount()) != 0) {
					throw new ConflictException("chargeId",
							"Charge " + chargeId + " was already recorded with amount " + existing.get().amount() + ".");
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

	private static Attribution attribution(Order order) {
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
	 * A refund of the whole order ({@code payment} null: pro rata over the sale and every charge, as the API does) or
	 * of one payment (only its commissions are reduced or clawed back; at most what is left of that payment).
	 */
	public Refunded refund(String orderId, RefundCommand command, Payment payment) {
		requireId("refundId", command.refundId());
		if (command.amount() != null) {
			requireMoney("amount", command.amount(), false);
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
			// full: the order as a whole is refunded now, so whatever is left of every commission goes
			List<CommissionLine> changed = this.commissions.refund(new Refund(order.id(), refundRow, refundId, now,
					parts, amount.compareTo(order.refundable()) == 0));
			// a replay returned above: one entry per refund actually made
			this.audit.record(AuditEntry.of(Actor.current(), "order.refund", "order", order.orderId(),
					"refunded=" + order.refunded().setScale(2), "refunded=" + order.refunded().add(amount).setScale(2))
				.withDetail("refund " + refundId + " of " + amount.setScale(2) + " " + order.currency()
						+ (payment == null ? "" : charge == null ? " (the initial sale)" : " (charge " + charge.chargeId() + ")")
						+ "; commissions: " + describe(changed)));
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
	 * The refund split over every base a commission may stand on: each item of the initial sale, and each item's
	 * share of every charge (the same split the charge used), pro rata with the remainder on the last base.
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

	/** The refund split over one payment's bases: each item of the initial sale, or each item's share of a charge. */
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

	public boolean exists(String orderId) {
		return orderId != null && this.orders.exists(orderId.strip());
	}

	public OrderDetails details(String orderId) {
		return this.transactions.execute(status -> {
			Order order = this.orders.find(orderId, false)
				.orElseThrow(() -> new NotFoundException("No order " + orderId));
			return new OrderDetails(order, this.commissions.findByOrder(order.id()));
		});
	}

	private Order lockedOrder(String orderId) {
		return this.orders.find(orderId == null ? "" : orderId.strip(), true)
			.orElseThrow(() -> new NotFoundException("No order " + orderId));
	}

	private static void validate(PlaceOrder c, int maxQuantity) {
		requireId("orderId", c.orderId());
		if (c.email() == null || c.email().isBlank() || c.email().strip().length() > 254
				|| !c.email().contains("@")) {
			throw new InvalidInputException("email", "A valid e-mail address is required.");
		}
		if (c.firstName() != null && c.firstName().length() > 100) {
			throw new InvalidInputException("firstName", "First name is at most 100 characters.");
		}
		if (c.lastName() != null && c.lastName().length() > 100) {
			throw new InvalidInputException("lastName", "Last name is at most 100 characters.");
		}
		if (c.coupon() != null && c.coupon().length() > 64) {
			throw new InvalidInputException("couponCode", "A coupon code is at most 64 characters.");
		}
		Currencies.require("currency", c.currency());
		if (c.items() == null || c.items().isEmpty()) {
			throw new InvalidInputException("items", "An order needs at least one item.");
		}
		for (int i = 0; i < c.items().size(); i++) {
			PlaceOrder.Item item = c.items().get(i);
			String field = "items[" + i + "]";
			if (item == null) {
				throw new InvalidInputException(field, "Item must not be null.");
			}
			if (item.sku() == null || item.sku().isBlank() || item.sku().length() > 64) {
				throw new InvalidInputException(field + ".sku", "Each item needs a sku.");
			}
			if (item.quantity() == null || item.quantity() <= 0) {
				throw new InvalidInputException(field + ".quantity", "Quantity must be a whole number of 1 or more.");
			}
			if (item.quantity() > maxQuantity) {
				throw new InvalidInputException(field + ".quantity", "Quantity must not exceed " + maxQuantity + ".");
			}
			requireMoney(field + ".unitPrice", item.unitPrice(), true);
			BigDecimal line = item.unitPrice().multiply(BigDecimal.valueOf(item.quantity()));
			if (line.precision() - line.scale() > 15) {
				throw new InvalidInputException(field + ".unitPrice", "The line amount is too large.");
			}
		}
	}

	private static void requireId(String field, String value) {
		if (value == null || value.isBlank() || value.strip().length() > 100) {
			throw new InvalidInputException(field, field + " is required (at most 100 characters).");
		}
	}

	/** Already parsed strictly from JSON (support.MoneyInput); checked again for callers in code. */
	private static void requireMoney(String field, BigDecimal value, boolean zeroAllowed) {
		if (value == null) {
			throw new InvalidInputException(field, field + " is required.");
		}
		MoneyInput.check(field, value);
		if (!zeroAllowed && value.signum() == 0) {
			throw new InvalidInputException(field, field + " must be more than 0.");
		}
	}

}
