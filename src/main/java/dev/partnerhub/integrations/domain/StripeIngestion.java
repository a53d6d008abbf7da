package dev.partnerhub.integrations.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import dev.partnerhub.orders.OrderApi;
import dev.partnerhub.partners.CouponApi;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import dev.partnerhub.support.PartnerhubProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies verified Stripe events to orders, each exactly once: the event's id is taken in the same transaction as its
 * effect ({@link StripeStore#claim}), so a redelivery, or twenty at once, finds it taken and changes nothing.
 * <ul>
 * <li>{@code checkout.session.completed} (and {@code checkout.session.async_payment_succeeded}), mode payment, paid:
 * order {@code stripe:<session id>}. Mode subscription: the session's buyer, referral and coupon are kept for the
 * subscription's first invoice.</li>
 * <li>{@code invoice.paid} of a subscription: the first one opens the recurring order {@code stripe:<subscription
 * id>}, later ones are its charges (charge id = invoice id). A first invoice that arrives before its session waits
 * for it (at most {@code partnerhub.integrations.stripe.session-wait}, then it is booked without).</li>
 * <li>{@code invoice_payment.paid}: which payment intent and charge paid an invoice (newer API versions no longer say
 * it on the charge).</li>
 * <li>{@code charge.refunded}: refunds of the payment the charge was (the order's sale or one invoice), partial ones
 * pro rata to what was booked; a refund of a payment not booked yet waits and is applied when it is.</li>
 * <li>{@code customer.subscription.deleted}: closes the recurring order.</li>
 * </ul>
 * Locking: opening an order takes a lock on that order's id; anything that changes an existing order, a payment link
 * or a refund takes one lock for all of them, always after the order's (so no two events wait for each other).
 */
@Service
public class StripeIngestion {

	/** The product of a Checkout Session whose payload names no price. */
	static final String CHECKOUT_SKU = "stripe-checkout";

	private static final Logger log = LoggerFactory.getLogger(StripeIngestion.class);

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	public enum Outcome {

		APPLIED, IGNORED, PENDING, REJECTED, DUPLICATE;

		String value() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	/** @param settle the payment refs this event booked: refunds waiting for them are applied after its commit */
	public record Result(Outcome outcome, String detail, List<String> settle) {

		Result(Outcome outcome, String detail) {
			this(outcome, detail, List.of());
		}

	}

	private final StripeStore store;

	private final OrderApi orders;

	private final CouponApi coupons;

	private final ProgramApi programs;

	private final TransactionTemplate transactions;

	private final TransactionTemplate separately;

	private final Clock clock;

	private final Duration sessionWait;

	StripeIngestion(StripeStore store, OrderApi orders, CouponApi coupons, ProgramApi programs,
			PlatformTransactionManager transactionManager, Clock clock,
			PartnerhubProperties properties) {
		this.store = store;
		this.orders = orders;
		this.coupons = coupons;
		this.programs = programs;
		this.transactions = new TransactionTemplate(transactionManager);
		this.separately = new TransactionTemplate(transactionManager);
		this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
		this.sessionWait = properties.integrations().stripe().sessionWait();
	}

	/**
	 * Applies the event once. An event that cannot be applied as it is (no e-mail, an order that is closed, a refund
	 * larger than what is left) is rolled back and recorded as rejected, so Stripe does not send it for days.
	 */
	public Result apply(StripeEvent event) {
		Result result = applyOnce(event);
		int settled = settle(result.settle());
		return settled == 0 ? result
				: new Result(result.outcome(), result.detail() + "; " + settled + " waiting refund(s) applied",
						result.settle());
	}

	private Result applyOnce(StripeEvent event) {
		try {
			return this.transactions.execute(status -> {
				if (!this.store.claim(event)) {
					return new Result(Outcome.DUPLICATE, "already received");
				}
				Result result = dispatch(event);
				this.store.outcome(event.id(), result.outcome().value(), result.detail());
				return result;
			});
		}
		catch (StripeEventException | ConflictException | InvalidInputException | NotFoundException ex) {
			log.warn("Stripe event {} ({}) rejected: {}", event.id(), event.type(), ex.getMessage());
			return this.transactions.execute(status -> {
				if (!this.store.claim(event)) {
					return new Result(Outcome.DUPLICATE, "already received");
				}
				this.store.outcome(event.id(), Outcome.REJECTED.value(), ex.getMessage());
				return new Result(Outcome.REJECTED, ex.getMessage());
			});
		}
	}

	private Result dispatch(StripeEvent event) {
		return switch (event.type()) {
			case "checkout.session.completed", "checkout.session.async_payment_succeeded" -> checkout(event);
			case "invoice.paid" -> invoicePaid(event);
			case "invoice_payment.paid" -> invoicePaymentPaid(event);
			case "charge.refunded" -> chargeRefunded(event);
			case "customer.subscription.deleted" -> subscriptionDeleted(event);
			default -> new Result(Outcome.IGNORED, "Partnerhub does not use " + event.type() + " events.");
		};
	}

	// --- Checkout

	private Result checkout(StripeEvent event) {
		JsonNode session = event.object();
		String sessionId = required(Json.text(session, "id"), "The Checkout Session has no id.");
		String mode = Json.text(session, "mode");
		if ("subscription".equals(mode)) {
			return subscriptionSession(session, sessionId);
		}
		if (!"payment".equals(mode)) {
			return new Result(Outcome.IGNORED, "A Checkout Session in " + mode + " mode is no sale.");
		}
		String paid = Json.text(session, "payment_status");
		if (!"paid".equals(paid) && !"no_payment_required".equals(paid)) {
			return new Result(Outcome.IGNORED,
					"Not paid yet (" + paid + "): booked when checkout.session.async_payment_succeeded arrives.");
		}
		String orderId = "stripe:" + sessionId;
		this.store.lock(orderId);
		if (this.orders.exists(orderId)) {
			return new Result(Outcome.IGNORED, "Order " + orderId + " is booked already.");
		}
		Buyer buyer = buyer(session);
		String currency = StripeMoney.currency(Json.text(session, "currency"));
		List<OrderApi.Line> lines = checkoutLines(session, currency);
		String coupon = couponOf(session);
		this.orders.place(new OrderApi.NewOrder(orderId, buyer.email(), buyer.firstName(), buyer.lastName(),
				referralOf(session), event.created(), currency, false, lines, coupon));
		this.store.lockLinks();
		BigDecimal booked = total(lines);
		String paymentIntent = Json.id(session, "payment_intent");
		this.store.linkTarget(paymentIntent, orderId, null, booked);
		return new Result(Outcome.APPLIED, "Order " + orderId + " of " + booked + " " + currency
				+ (coupon == null ? "" : " with coupon " + coupon), refs(paymentIntent));
	}

	/** A subscription's session: its buyer, referral and coupon wait for the first invoice (or open it, if it waits). */
	private Result subscriptionSession(JsonNode session, String sessionId) {
		String subscriptionId = required(Json.id(session, "subscription"),
				"The subscription Checkout Session names no subscription.");
		String orderId = "stripe:" + subscriptionId;
		this.store.lock(orderId);
		StripeStore.Subscription row = this.store.subscription(subscriptionId);
		Buyer buyer = buyer(session);
		this.store.rememberSession(subscriptionId, sessionId, buyer.email(), buyer.firstName(), buyer.lastName(),
				referralOf(session), couponOf(session));
		if (row.orderId() != null || this.orders.exists(orderId)) {
			return new Result(Outcome.IGNORED, "Order " + orderId
					+ " was opened before this session arrived (waited " + this.sessionWait.toMinutes() + " min).");
		}
		if (row.waitingInvoice() != null) {
			Result opened = openSubscription(this.store.subscription(subscriptionId), readInvoice(row), sessionId);
			return new Result(Outcome.APPLIED, "Opened with its waiting first invoice: " + opened.detail(),
					opened.settle());
		}
		return new Result(Outcome.APPLIED, "Buyer and referral of subscription " + subscriptionId
				+ " kept for its first invoice.");
	}

	/** The session's line items when the payload carries them; else one line for what was paid. */
	private List<OrderApi.Line> checkoutLines(JsonNode session, String currency) {
		List<JsonNode> items = Json.list(session, "line_items");
		List<OrderApi.Line> lines = new ArrayList<>();
		if (!items.isEmpty() && !Json.bool(session, "line_items", "has_more")) {
			for (JsonNode item : items) {
				Long total = Json.number(item, "amount_total");
				long net = total != null ? total - orZero(Json.number(item, "amount_tax"))
						: orZero(Json.number(item, "amount_subtotal")) - orZero(Json.number(item, "amount_discount"));
				String name = Json.text(item, "description");
				lines.add(line(sku(Json.id(item, "price"), Json.id(item, "price", "product"), name, currency),
						Json.number(item, "quantity"), net, currency));
			}
			return lines;
		}
		long total = orZero(Json.number(session, "amount_total"));
		long net = total - orZero(Json.number(session, "total_details", "amount_tax"))
				- orZero(Json.number(session, "total_details", "amount_shipping"));
		String named = Json.text(session, "metadata", "partnerhub_sku");
		lines.add(line(sku(named, null, "Stripe Checkout", currency), 1L, net, currency));
		return lines;
	}

	// --- invoices

	private Result invoicePaid(StripeEvent event) {
		JsonNode invoice = event.object();
		String invoiceId = required(Json.text(invoice, "id"), "The invoice has no id.");
		String subscriptionId = subscriptionOf(invoice);
		if (subscriptionId == null) {
			return new Result(Outcome.IGNORED, "Invoice " + invoiceId + " belongs to no subscription.");
		}
		String orderId = "stripe:" + subscriptionId;
		this.store.lock(orderId);
		StripeStore.Subscription row = this.store.subscription(subscriptionId);
		List<String> settle = new ArrayList<>();
		if (!this.orders.exists(orderId)) {
			if (row.waitingInvoice() != null && !invoiceId.equals(Json.text(readInvoice(row), "id"))) {
				// a later invoice before the first one found its session: the first is booked without it
				settle.addAll(openSubscription(row, readInvoice(row), null).settle());
			}
			else if (row.sessionId() != null || ownReferral(invoice) || row.deletedAt() != null) {
				return openSubscription(row, invoice, null);
			}
			else {
				this.store.keepWaiting(subscriptionId, invoice.toString(), this.clock.instant());
				return new Result(Outcome.PENDING, "First invoice " + invoiceId + " of " + subscriptionId
						+ " waits for its Checkout Session (at most " + this.sessionWait.toMinutes() + " min).");
			}
		}
		this.store.lockLinks();
		if (this.store.isLinked(invoiceId)) {
			return new Result(Outcome.IGNORED, "Invoice " + invoiceId + " is booked already.");
		}
		String currency = StripeMoney.currency(Json.text(invoice, "currency"));
		BigDecimal amount = StripeMoney.amount(invoiceNet(invoice), currency);
		if (amount.signum() <= 0) {
			return new Result(Outcome.IGNORED, "Invoice " + invoiceId + " charged nothing.");
		}
		this.orders.charge(orderId, invoiceId, amount, paidAt(invoice, event));
		this.store.linkTarget(invoiceId, orderId, invoiceId, amount);
		for (String ref : legacyPayments(invoice)) {
			this.store.linkAlias(ref, invoiceId);
		}
		settle.addAll(invoiceRefs(invoiceId, invoice));
		return new Result(Outcome.APPLIED, "Charge " + invoiceId + " of " + amount + " " + currency + " on " + orderId,
				settle);
	}

	/** Opens the subscription's recurring order with its first invoice and what its session told (if it did). */
	private Result openSubscription(StripeStore.Subscription row, JsonNode invoice, String sessionId) {
		String subscriptionId = row.subscriptionId();
		String orderId = "stripe:" + subscriptionId;
		String invoiceId = required(Json.text(invoice, "id"), "The invoice has no id.");
		String email = row.email() != null ? row.email() : Json.text(invoice, "customer_email");
		if (email == null) {
			throw new StripeEventException("Neither the subscription's session nor invoice " + invoiceId
					+ " has the customer's e-mail.");
		}
		String[] name = row.email() != null ? new String[] { row.firstName(), row.lastName() }
				: names(Json.text(invoice, "customer_name"));
		String referral = row.referral() != null ? row.referral() : referral(subscriptionMetadata(invoice));
		String coupon = row.couponCode() != null ? row.couponCode()
				: Optional.ofNullable(coupon(subscriptionMetadata(invoice))).orElseGet(() -> discountCoupon(invoice));
		String currency = StripeMoney.currency(Json.text(invoice, "currency"));
		List<OrderApi.Line> lines = invoiceLines(invoice, currency);
		Instant at = paidAt(invoice, null);
		this.orders.place(new OrderApi.NewOrder(orderId, email, name[0], name[1], referral, at, currency, true, lines,
				coupon));
		this.store.opened(subscriptionId, orderId);
		this.store.lockLinks();
		BigDecimal booked = total(lines);
		this.store.linkTarget(invoiceId, orderId, null, booked);
		for (String ref : legacyPayments(invoice)) {
			this.store.linkAlias(ref, invoiceId);
		}
		if (row.deletedAt() != null) {
			this.orders.close(orderId);
		}
		return new Result(Outcome.APPLIED, "Recurring order " + orderId + " opened with invoice " + invoiceId + " ("
				+ booked + " " + currency + ")" + (sessionId == null && row.sessionId() == null ? ", without a session" : "")
				+ (coupon == null ? "" : ", coupon " + coupon)
				+ (row.deletedAt() != null ? ", closed (the subscription was deleted)" : ""), invoiceRefs(invoiceId, invoice));
	}

	/** Order lines from the invoice's lines; one line for the invoice's total when they do not add up. */
	private List<OrderApi.Line> invoiceLines(JsonNode invoice, String currency) {
		List<JsonNode> items = Json.list(invoice, "lines");
		List<OrderApi.Line> lines = new ArrayList<>();
		String firstPrice = null;
		String firstProduct = null;
		boolean usable = !items.isEmpty() && !Json.bool(invoice, "lines", "has_more");
		for (JsonNode item : items) {
			String price = firstNonNull(Json.id(item, "pricing", "price_details", "price"), Json.id(item, "price"),
					Json.id(item, "plan"));
			String product = firstNonNull(Json.text(item, "pricing", "price_details", "product"),
					Json.id(item, "price", "product"), Json.id(item, "plan", "product"));
			firstPrice = firstPrice == null ? price : firstPrice;
			firstProduct = firstProduct == null ? product : firstProduct;
			long net = orZero(Json.number(item, "amount"));
			for (JsonNode discount : Json.list(item, "discount_amounts")) {
				net -= orZero(Json.number(discount, "amount"));
			}
			for (JsonNode tax : Json.list(item, "taxes")) {
				if ("inclusive".equals(Json.text(tax, "tax_behavior"))) {
					net -= orZero(Json.number(tax, "amount"));
				}
			}
			for (JsonNode tax : Json.list(item, "tax_amounts")) {
				if (Json.bool(tax, "inclusive")) {
					net -= orZero(Json.number(tax, "amount"));
				}
			}
			if (net < 0) {
				usable = false; // a proration credit: the lines are no list of what was bought
			}
			if (usable) {
				lines.add(line(sku(price, product, Json.text(item, "description"), currency),
						Json.number(item, "quantity"), net, currency));
			}
		}
		if (usable) {
			return lines;
		}
		return List.of(line(sku(firstPrice, firstProduct, "Stripe subscription", currency), 1L, invoiceNet(invoice),
				currency));
	}

	private Result invoicePaymentPaid(StripeEvent event) {
		JsonNode payment = event.object();
		String invoiceId = Json.id(payment, "invoice");
		String paymentIntent = Json.id(payment, "payment", "payment_intent");
		String charge = Json.id(payment, "payment", "charge");
		if (invoiceId == null || (paymentIntent == null && charge == null)) {
			return new Result(Outcome.IGNORED, "The invoice payment names no invoice or payment.");
		}
		this.store.lockLinks();
		this.store.linkAlias(paymentIntent, invoiceId);
		this.store.linkAlias(charge, invoiceId);
		return new Result(Outcome.APPLIED,
				"Invoice " + invoiceId + " was paid by " + (paymentIntent != null ? paymentIntent : charge),
				refs(paymentIntent, charge));
	}

	// --- refunds

	private Result chargeRefunded(StripeEvent event) {
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
			return new Result(Outcome.IGNORED, "The refunds of " + chargeId + " are booked already.");
		}
		// the refunds the payload lists (older API versions, or expanded) when they account for what is new
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
			// no list, or one that does not add up: one refund for what is new, named by the total it brings
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
		return new Result(target.isPresent() ? Outcome.APPLIED : Outcome.PENDING, String.join("; ", notes));
	}

	/** Books one refund on its payment: its share of what was booked (or the rest, once the charge is refunded). */
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
	 * Applies the pending refunds these refs now lead to, each in a transaction of its own after the event that
	 * booked their payment committed: a refund that cannot be applied (more than what is left) is marked rejected
	 * without taking the order down with it. Returns how many were applied.
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

	// --- subscriptions

	private Result subscriptionDeleted(StripeEvent event) {
		String subscriptionId = required(Json.text(event.object(), "id"), "The subscription has no id.");
		String orderId = "stripe:" + subscriptionId;
		this.store.lock(orderId);
		StripeStore.Subscription row = this.store.subscription(subscriptionId);
		if (!this.orders.exists(orderId)) {
			this.store.deleted(subscriptionId, event.created());
			if (row.waitingInvoice() != null) {
				return openSubscription(this.store.subscription(subscriptionId), readInvoice(row), null);
			}
			return new Result(Outcome.APPLIED, "Subscription " + subscriptionId
					+ " deleted before its order was opened: it is closed when it is.");
		}
		this.store.lockLinks();
		this.orders.close(orderId);
		return new Result(Outcome.APPLIED, "Recurring order " + orderId + " closed.");
	}

	/**
	 * Books the first invoices that waited longer than the session wait for their Checkout Session, without it (a
	 * subscription made outside Checkout); returns how many. Run by {@link StripeSessionWait}.
	 */
	public int openWaiting(Instant now) {
		int opened = 0;
		List<String> settle = new ArrayList<>();
		for (String subscriptionId : this.store.waitingSince(now.minus(this.sessionWait))) {
			try {
				Boolean done = this.transactions.execute(status -> {
					String orderId = "stripe:" + subscriptionId;
					this.store.lock(orderId);
					StripeStore.Subscription row = this.store.subscription(subscriptionId);
					if (row.waitingInvoice() == null || this.orders.exists(orderId)) {
						return false;
					}
					settle.addAll(openSubscription(row, readInvoice(row), null).settle());
					return true;
				});
				opened += Boolean.TRUE.equals(done) ? 1 : 0;
			}
			catch (StripeEventException | ConflictException | InvalidInputException | NotFoundException ex) {
				log.warn("The waiting first invoice of Stripe subscription {} cannot be booked: {}", subscriptionId,
						ex.getMessage());
				this.transactions.executeWithoutResult(status -> this.store.opened(subscriptionId, null));
			}
		}
		settle(settle);
		// and refunds whose payment was booked by an event whose settling did not finish (a crash after its commit)
		settle(this.transactions.execute(status -> this.store.pendingRefs()));
		return opened;
	}

	// --- reading the objects

	private record Buyer(String email, String firstName, String lastName) {
	}

	private static Buyer buyer(JsonNode session) {
		String email = firstNonNull(Json.text(session, "customer_details", "email"), Json.text(session, "customer_email"));
		if (email == null || email.length() > 254 || !email.contains("@")) {
			throw new StripeEventException("The Checkout Session has no customer e-mail.");
		}
		String[] name = names(Json.text(session, "customer_details", "name"));
		return new Buyer(email, name[0], name[1]);
	}

	/** "Ann Marie Smith" → ["Ann Marie", "Smith"]; each at most 100 characters. */
	private static String[] names(String full) {
		if (full == null) {
			return new String[] { null, null };
		}
		int space = full.lastIndexOf(' ');
		String first = space < 0 ? full : full.substring(0, space).strip();
		String last = space < 0 ? null : full.substring(space + 1).strip();
		return new String[] { Json.limit(first, 100), Json.limit(last, 100) };
	}

	/** {@code client_reference_id}, else {@code metadata.partnerhub_referral}: a click token or a partner code. */
	private static String referralOf(JsonNode session) {
		String referral = Json.text(session, "client_reference_id");
		return referral != null && referral.length() <= 200 ? referral : referral(Json.at(session, "metadata"));
	}

	private static String referral(JsonNode metadata) {
		String referral = Json.text(metadata, "partnerhub_referral");
		return referral == null || referral.length() > 200 ? null : referral;
	}

	private static String coupon(JsonNode metadata) {
		String code = Json.text(metadata, "partnerhub_coupon");
		return code == null || code.length() > 64 ? null : code;
	}

	/** {@code metadata.partnerhub_coupon}, else the promotion code of the session's discounts. */
	private String couponOf(JsonNode session) {
		String code = coupon(Json.at(session, "metadata"));
		return code != null ? code : discountCoupon(session);
	}

	/**
	 * The partner coupon behind a discount: the promotion code's {@code code} when the payload expands it, else the
	 * coupon mapped to its id ({@code promo_...}). Reads {@code discounts[].promotion_code} (Checkout Sessions,
	 * expanded invoice discounts) and {@code total_details.breakdown.discounts[].discount.promotion_code}.
	 */
	private String discountCoupon(JsonNode object) {
		List<JsonNode> promotions = new ArrayList<>();
		for (JsonNode discount : Json.list(object, "discounts")) {
			promotions.add(Json.at(discount, "promotion_code"));
		}
		for (JsonNode breakdown : Json.list(object, "total_details", "breakdown", "discounts")) {
			promotions.add(Json.at(breakdown, "discount", "promotion_code"));
		}
		for (JsonNode promotion : promotions) {
			if (promotion.isObject() && Json.text(promotion, "code") != null) {
				return Json.limit(Json.text(promotion, "code"), 64);
			}
			String id = promotion.isObject() ? Json.text(promotion, "id")
					: promotion.isString() ? Json.clean(promotion.stringValue()).strip() : null;
			Optional<String> mapped = id == null ? Optional.empty() : this.coupons.codeOfStripePromotion(id);
			if (mapped.isPresent()) {
				return mapped.get();
			}
		}
		return null;
	}

	/** The subscription an invoice bills: {@code parent.subscription_details} (since 2025), else {@code subscription}. */
	private static String subscriptionOf(JsonNode invoice) {
		return firstNonNull(Json.id(invoice, "parent", "subscription_details", "subscription"),
				Json.id(invoice, "subscription"));
	}

	/** The subscription's metadata as the invoice carries it (new and old API versions). */
	private static JsonNode subscriptionMetadata(JsonNode invoice) {
		JsonNode metadata = Json.at(invoice, "parent", "subscription_details", "metadata");
		return metadata.isObject() ? metadata : Json.at(invoice, "subscription_details", "metadata");
	}

	/** Whether the invoice names a referral or coupon itself (a subscription created with our metadata). */
	private boolean ownReferral(JsonNode invoice) {
		return referral(subscriptionMetadata(invoice)) != null || coupon(subscriptionMetadata(invoice)) != null
				|| discountCoupon(invoice) != null;
	}

	/** What the invoice charged for, without tax: {@code total_excluding_tax}, else {@code amount_paid}. */
	private static long invoiceNet(JsonNode invoice) {
		Long net = Json.number(invoice, "total_excluding_tax");
		return Math.max(0, net != null ? net : orZero(Json.number(invoice, "amount_paid")));
	}

	private static Instant paidAt(JsonNode invoice, StripeEvent event) {
		Long paid = Json.number(invoice, "status_transitions", "paid_at");
		if (paid != null) {
			return Instant.ofEpochSecond(paid);
		}
		Long created = Json.number(invoice, "created");
		return event != null ? event.created() : created != null ? Instant.ofEpochSecond(created) : null;
	}

	/** Payment intent and charge as invoices said them before 2025 (now: invoice_payment.paid events). */
	private static List<String> legacyPayments(JsonNode invoice) {
		return refs(Json.id(invoice, "payment_intent"), Json.id(invoice, "charge"));
	}

	/** An invoice, its legacy payment refs and the payments known to have paid it. */
	private List<String> invoiceRefs(String invoiceId, JsonNode invoice) {
		List<String> refs = new ArrayList<>(refs(invoiceId));
		refs.addAll(legacyPayments(invoice));
		refs.addAll(this.store.aliasesOf(invoiceId));
		return refs;
	}

	private static JsonNode readInvoice(StripeStore.Subscription row) {
		try {
			return JSON.readTree(row.waitingInvoice());
		}
		catch (JacksonException ex) {
			throw new StripeEventException("The waiting invoice of " + row.subscriptionId() + " cannot be read.");
		}
	}

	// --- lines and products

	/**
	 * The sku of the product a Stripe price is sold as: the product mapped to the price ({@code stripePriceId}), one
	 * whose sku is the Stripe product id, else a product named by the price id (created with price 0 on first use, so
	 * its sales earn the program's default rates until an admin maps the price to a product of his own).
	 */
	private String sku(String priceId, String productId, String name, String currency) {
		if (priceId != null) {
			Optional<ProductSummary> mapped = this.programs.findProductByStripePrice(priceId);
			if (mapped.isPresent()) {
				return mapped.get().sku();
			}
		}
		if (productId != null && productId.matches("[A-Za-z0-9._-]{1,64}")) {
			Optional<ProductSummary> byProduct = this.programs.findProductBySku(productId);
			if (byProduct.isPresent()) {
				return byProduct.get().sku();
			}
		}
		String sku = firstNonNull(priceId, productId, CHECKOUT_SKU);
		if (!sku.matches("[A-Za-z0-9._-]{1,64}")) {
			sku = CHECKOUT_SKU;
		}
		String productSku = sku;
		String productName = name == null || name.isBlank() ? "Stripe " + sku : Json.limit(name, 200);
		// committed at once: the order's cached product lookup then finds it (a product without sales is harmless)
		return this.separately.execute(status -> this.programs.ensureProduct(productSku, productName, currency)).sku();
	}

	/** A line of {@code net} (minor units): its quantity when the net divides into cents, else one of the whole net. */
	private static OrderApi.Line line(String sku, Long quantity, long net, String currency) {
		BigDecimal amount = StripeMoney.amount(Math.max(0, net), currency);
		int units = quantity == null || quantity < 1 || quantity > 1_000_000 ? 1 : quantity.intValue();
		BigDecimal unit = amount.divide(BigDecimal.valueOf(units), 2, RoundingMode.DOWN);
		if (unit.multiply(BigDecimal.valueOf(units)).compareTo(amount) != 0) {
			return new OrderApi.Line(sku, 1, amount);
		}
		return new OrderApi.Line(sku, units, unit);
	}

	private static BigDecimal total(List<OrderApi.Line> lines) {
		return lines.stream()
			.map(l -> l.unitPrice().multiply(BigDecimal.valueOf(l.quantity())))
			.reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
	}

	// --- small things

	private static List<String> refs(String... refs) {
		LinkedHashSet<String> out = new LinkedHashSet<>();
		for (String ref : refs) {
			if (ref != null && !ref.isBlank() && ref.length() <= 255) {
				out.add(ref);
			}
		}
		return new ArrayList<>(out);
	}

	private static long orZero(Long value) {
		return value == null ? 0 : value;
	}

	@SafeVarargs
	private static <T> T firstNonNull(T... values) {
		for (T value : values) {
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	private static String required(String value, String message) {
		if (value == null || value.length() > 200) {
			throw new StripeEventException(message);
		}
		return value;
	}

}
