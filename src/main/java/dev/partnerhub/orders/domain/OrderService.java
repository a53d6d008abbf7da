package dev.partnerhub.orders.domain;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.partnerhub.commissions.CommissionApi;
import dev.partnerhub.commissions.CommissionLine;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.contacts.ReferralResolver;
import dev.partnerhub.orders.OrderPlaced;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.Currencies;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import dev.partnerhub.support.PartnerhubProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import jakarta.annotation.PreDestroy;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Order ingestion: records orders, recurring charges, refunds and closing, and asks the
 * commissions module to credit or reverse. Every command is idempotent by its external id
 * (order, charge, refund).
 */
@Service
public class OrderService {

	private final OrderStore orders;

	private final ContactApi contacts;

	private final ReferralResolver referrals;

	private final ProgramApi programs;

	private final CommissionApi commissions;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final OrderGroupCommit groupCommit;

	private final int maxQuantity;

	private final OrderPlacement placement;

	OrderService(OrderStore orders, ContactApi contacts, ReferralResolver referrals, ProgramApi programs,
			CommissionApi commissions, PlatformTransactionManager transactionManager, Clock clock,
			PartnerhubProperties properties, ObjectProvider<MeterRegistry> meters, OrderPlacement placement) {
		int writers = properties.orders().groupCommit().writers();
		int maxBatch = properties.orders().groupCommit().maxBatch();
		this.maxQuantity = properties.orders().maxQuantity();
		this.placement = placement;
		this.orders = orders;
		this.contacts = contacts;
		this.referrals = referrals;
		this.programs = programs;
		this.commissions = commissions;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
		this.groupCommit = writers <= 0 ? null : new OrderGroupCommit(placement::placeAll, this.orders::stored,
				this.transactions, writers, Math.max(1, maxBatch));
		if (this.groupCommit != null) {
			meters.ifAvailable(this.groupCommit::bindTo);
		}
	}

	/**
	 * After the web server's graceful shutdown: what is queued is written before the pool
	 * closes.
	 */
	@PreDestroy
	void stopGroupCommit() {
		if (this.groupCommit != null) {
			this.groupCommit.close();
		}
	}

	/** The result of placing an order; {@code created} is false for a replay. */
	public record Placed(String orderId, long contactId, List<CommissionLine> commissions, boolean created) {
	}

	public record OrderDetails(Order order, List<CommissionLine> commissions) {
	}

	/**
	 * A new order in one transaction of a few statements: contact upsert (with the
	 * referral), order and items (insert unless the order id exists), commissions;
	 * committed before the answer. A replay finds the order id taken, rolls its own work
	 * back and answers from the stored order: concurrent replays wait for the first
	 * insert's commit on the unique order id, so one set of commissions is ever created.
	 */
	public Placed place(PlaceOrder command) {
		OrderChecks.validate(command, this.maxQuantity);
		String hash = RequestHash.of(command);
		String orderId = command.orderId().strip();
		// Shared commit with other requests' orders, unless the caller has a transaction
		// this order must join.
		if (this.groupCommit != null && !TransactionSynchronizationManager.isActualTransactionActive()) {
			Placed grouped = this.groupCommit.place(command, orderId, hash);
			if (grouped != null) {
				return grouped;
			}
		}
		return placeAlone(command, orderId, hash);
	}

	/**
	 * One order in a transaction of its own (or the caller's); also the answer for
	 * replays and failed batches.
	 */
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
	 * An order from the public hosted form ({@code /buy/{sku}}): anybody can post it, so
	 * nothing in it is money yet. It is stored {@code unpaid}, credits nobody and
	 * publishes no {@link OrderPlaced}; {@link #markPaid} does that once the payment is
	 * confirmed. The buyer is received as public forms receive contacts (an existing
	 * contact is not renamed, see {@code ContactApi.receivePublic}); the referral counts
	 * only as a genuine click token, which is applied to the contact by those rules and
	 * remembered on the order. Idempotent by order id like {@link #place}.
	 */
	public Placed placeUnpaid(PlaceOrder command) {
		OrderChecks.validate(command, this.maxQuantity);
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
	private @Nullable Placed placeUnpaidNew(PlaceOrder command, String orderId, String hash) {
		List<ProductSummary> products = this.placement.products(new NewOrderRequest(command, orderId, hash));
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
		List<OrderStore.NewItem> items = new ArrayList<>();
		for (int i = 0; i < command.items().size(); i++) {
			PlaceOrder.Item item = command.items().get(i);
			BigDecimal net = item.unitPrice().multiply(BigDecimal.valueOf(item.quantity())).setScale(2);
			total = total.add(net);
			items.add(new OrderStore.NewItem(i + 1, products.get(i), item.quantity(), item.unitPrice(), net));
		}
		OrderStore.Inserted inserted = this.orders
			.insertOrders(List.of(new OrderStore.NewOrder(orderId, contact.id(), command.currency(), "unpaid", false,
					now, total, hash, null, null, items, null)))
			.get(orderId);
		if (inserted == null) {
			return null;
		}
		click.ifPresent(c -> this.orders.rememberReferral(inserted.id(), c.token()));
		return new Placed(orderId, contact.id(), List.of(), true);
	}

	/**
	 * A sale recorded for an imported commission: a completed one-line order, no
	 * commissions computed (see {@link dev.partnerhub.orders.OrderApi#recordSale}). Joins
	 * the caller's transaction.
	 */
	public Optional<dev.partnerhub.orders.OrderApi.RecordedSale> recordSale(
			dev.partnerhub.orders.OrderApi.ExternalSale sale) {
		OrderChecks.requireId("orderId", sale.orderId());
		OrderChecks.requireMoney("amount", sale.amount(), true);
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
						.orElseThrow(
								() -> new InvalidInputException("sku", "Unknown sku '" + sale.sku().strip() + "'."));
			ContactSummary contact = this.contacts.upsertReferred(sale.email().strip(), null, null, null,
					sale.occurredAt(), null);
			BigDecimal net = sale.amount().setScale(2);
			Optional<OrderStore.Inserted> inserted = Optional
				.ofNullable(this.orders.insertOrders(List.of(new OrderStore.NewOrder(orderId, contact.id(), currency,
						"completed", false, sale.occurredAt(), net, "imported", sale.referrerId(), null,
						List.of(new OrderStore.NewItem(1, product, 1, net, net)), null)))
					.get(orderId));
			return inserted.map(row -> new dev.partnerhub.orders.OrderApi.RecordedSale(row.id(), row.itemIds().get(0),
					contact.id(), product.id(), product.sku(), net));
		});
	}

	/** Null when the order id is taken (a replay). */
	private Placed placeNew(PlaceOrder command, String orderId, String hash) {
		return this.placement.placeAll(List.of(new NewOrderRequest(command, orderId, hash))).get(0);
	}

	private Placed replay(Order existing, String hash) {
		if (!existing.requestHash().equals(hash)) {
			throw new ConflictException("orderId",
					"Order " + existing.orderId() + " was already recorded with a different body.");
		}
		return new Placed(existing.orderId(), existing.contactId(), this.commissions.findBySale(existing.id(), null),
				false);
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

}
