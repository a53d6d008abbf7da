package dev.partnerhub.orders.domain;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.partnerhub.commissions.Attribution;
import dev.partnerhub.commissions.CommissionApi;
import dev.partnerhub.commissions.CommissionLine;
import dev.partnerhub.commissions.Sale;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.contacts.ReferralResolver;
import dev.partnerhub.orders.OrderPlaced;
import dev.partnerhub.partners.CouponApi;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.support.InvalidInputException;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Writing new orders, alone or a group-committed batch: buyers (contacts with their
 * referral), orders and items, commissions, one statement per step for all of them, and
 * {@link OrderPlaced} for each. Runs in the caller's transaction ({@link OrderService},
 * {@link OrderGroupCommit}).
 */
@Component
class OrderPlacement {

	private final OrderStore orders;

	private final ContactApi contacts;

	private final ReferralResolver referrals;

	private final ProgramApi programs;

	private final CommissionApi commissions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	/**
	 * Partner coupons: an active one credits its partner for that order, before any
	 * referral info.
	 */
	private final CouponApi coupons;

	OrderPlacement(OrderStore orders, ContactApi contacts, ReferralResolver referrals, ProgramApi programs,
			CommissionApi commissions, ApplicationEventPublisher events, Clock clock, CouponApi coupons) {
		this.orders = orders;
		this.contacts = contacts;
		this.referrals = referrals;
		this.programs = programs;
		this.commissions = commissions;
		this.events = events;
		this.clock = clock;
		this.coupons = coupons;
	}

	/**
	 * New orders in the caller's transaction, with one statement per step for all of them
	 * (contacts, orders and items, commissions). Orders of the same buyer go in rounds,
	 * one per order, in the given sequence: one statement cannot update a contact twice,
	 * and the later order must see the referral the earlier one recorded. Answers in the
	 * given order; null for an order whose id is taken (a replay).
	 */
	List<OrderService.Placed> placeAll(List<NewOrderRequest> requests) {
		OrderService.Placed[] answers = new OrderService.Placed[requests.size()];
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

	/**
	 * The active coupons the orders name, in one read for the whole batch; none when no
	 * order names one.
	 */
	private Map<String, CouponApi.Owner> couponOwners(List<NewOrderRequest> requests) {
		List<String> codes = requests.stream().map(r -> r.command().coupon()).filter(c -> c != null).toList();
		return codes.isEmpty() ? Map.of() : this.coupons.activeOwners(codes);
	}

	/**
	 * The order's products by sku (cached); null when one is unknown but the order id is
	 * stored (a replay).
	 */
	@Nullable List<ProductSummary> products(NewOrderRequest request) {
		List<ProductSummary> found = new ArrayList<>();
		List<PlaceOrder.Item> items = request.command().items();
		for (int i = 0; i < items.size(); i++) {
			String sku = items.get(i).sku().strip();
			Optional<ProductSummary> product = this.programs.findProductBySku(sku);
			if (product.isEmpty()) {
				if (this.orders.exists(request.orderId())) {
					return null; // a replay of an order whose product has changed since:
									// answered from the order
				}
				throw new InvalidInputException("items[" + i + "].sku", "Unknown sku '" + sku + "'.");
			}
			found.add(product.get());
		}
		return found;
	}

	/**
	 * Orders of different buyers: their contacts, orders and items, and commissions, a
	 * statement each.
	 */
	private void placeRound(List<NewOrderRequest> requests, List<List<ProductSummary>> products, List<Integer> round,
			OrderService.Placed[] answers, Map<String, CouponApi.Owner> couponOwners) {
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
		List<OrderStore.NewOrder> rows = new ArrayList<>(round.size());
		for (int k = 0; k < round.size(); k++) {
			NewOrderRequest request = requests.get(round.get(k));
			PlaceOrder command = request.command();
			// an active coupon wins over cookies and referral info for this order; else
			// the buyer's referrer
			CouponApi.Owner coupon = command.coupon() == null ? null
					: couponOwners.get(command.coupon().toLowerCase(Locale.ROOT));
			Optional<Attribution> attribution = coupon != null
					? Optional.of(Attribution.byCoupon(coupon.partnerId(), coupon.code()))
					: this.commissions.attribute(contacts.get(k));
			attributions.add(attribution);
			BigDecimal total = BigDecimal.ZERO.setScale(2);
			List<OrderStore.NewItem> items = new ArrayList<>();
			for (int i = 0; i < command.items().size(); i++) {
				PlaceOrder.Item item = command.items().get(i);
				BigDecimal net = item.unitPrice().multiply(BigDecimal.valueOf(item.quantity())).setScale(2);
				total = total.add(net);
				items.add(new OrderStore.NewItem(i + 1, products.get(round.get(k)).get(i), item.quantity(),
						item.unitPrice(), net));
			}
			rows.add(new OrderStore.NewOrder(request.orderId(), contacts.get(k).id(), command.currency(),
					command.isRecurring() ? "open" : "completed", command.isRecurring(), times.get(k), total,
					request.hash(), attribution.map(Attribution::partnerId).orElse(null),
					attribution.map(a -> a.rule() == null ? null : a.rule().value()).orElse(null), items,
					coupon == null ? null : coupon.code()));
		}
		Map<String, OrderStore.Inserted> inserted = this.orders.insertOrders(rows);
		List<Integer> placed = new ArrayList<>();
		List<Sale> sales = new ArrayList<>();
		for (int k = 0; k < round.size(); k++) {
			OrderStore.NewOrder row = rows.get(k);
			OrderStore.Inserted ids = inserted.get(row.orderId());
			if (ids == null) {
				continue; // the id is taken: answered null, a replay
			}
			List<Sale.Line> lines = new ArrayList<>();
			for (int i = 0; i < row.items().size(); i++) {
				OrderStore.NewItem item = row.items().get(i);
				lines.add(new Sale.Line(ids.itemIds().get(i), item.product().id(), item.product().sku(),
						item.quantity(), item.net()));
			}
			placed.add(k);
			sales.add(new Sale(ids.id(), null, null, row.contactId(), row.currency(), row.occurredAt(),
					row.occurredAt(), attributions.get(k).orElse(null), lines, contacts.get(k).email(),
					requests.get(round.get(k)).command().ip()));
		}
		List<List<CommissionLine>> credited = sales.isEmpty() ? List.of() : this.commissions.creditAll(sales);
		for (int s = 0; s < placed.size(); s++) {
			int k = placed.get(s);
			OrderStore.NewOrder row = rows.get(k);
			long id = sales.get(s).orderId();
			this.events.publishEvent(new OrderPlaced(id, row.orderId(), row.contactId(), row.total(), row.currency(),
					row.recurring(), row.occurredAt()));
			answers[round.get(k)] = new OrderService.Placed(row.orderId(), row.contactId(), credited.get(s), true);
		}
	}

	/**
	 * The first resolver that knows the referral wins (click tokens, then partner codes).
	 */
	private Optional<ReferralResolver.Referrer> resolve(String referral) {
		if (referral == null || referral.isBlank()) {
			return Optional.empty();
		}
		return this.referrals.resolve(referral.strip());
	}

}
