package dev.partnerhub.integrations.domain;

import static dev.partnerhub.integrations.domain.StripeObjects.buyer;
import static dev.partnerhub.integrations.domain.StripeObjects.coupon;
import static dev.partnerhub.integrations.domain.StripeObjects.invoiceNet;
import static dev.partnerhub.integrations.domain.StripeObjects.legacyPayments;
import static dev.partnerhub.integrations.domain.StripeObjects.names;
import static dev.partnerhub.integrations.domain.StripeObjects.paidAt;
import static dev.partnerhub.integrations.domain.StripeObjects.readInvoice;
import static dev.partnerhub.integrations.domain.StripeObjects.referral;
import static dev.partnerhub.integrations.domain.StripeObjects.referralOf;
import static dev.partnerhub.integrations.domain.StripeObjects.refs;
import static dev.partnerhub.integrations.domain.StripeObjects.required;
import static dev.partnerhub.integrations.domain.StripeObjects.subscriptionMetadata;
import static dev.partnerhub.integrations.domain.StripeObjects.subscriptionOf;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.partnerhub.orders.OrderApi;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import dev.partnerhub.support.PartnerhubProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies verified Stripe events to orders, each exactly once: the event's id is taken in
 * the same transaction as its effect ({@link StripeStore#claim}), so a redelivery, or
 * twenty at once, finds it taken and changes nothing.
 * <ul>
 * <li>{@code checkout.session.completed} (and
 * {@code checkout.session.async_payment_succeeded}), mode payment, paid: order
 * {@code stripe:<session id>}. Mode subscription: the session's buyer, referral and
 * coupon are kept for the subscription's first invoice.</li>
 * <li>{@code invoice.paid} of a subscription: the first one opens the recurring order
 * {@code stripe:<subscription
 * id>}, later ones are its charges (charge id = invoice id). A first invoice that arrives
 * before its session waits for it (at most
 * {@code partnerhub.integrations.stripe.session-wait}, then it is booked without).</li>
 * <li>{@code invoice_payment.paid}: which payment intent and charge paid an invoice
 * (newer API versions no longer say it on the charge).</li>
 * <li>{@code charge.refunded}: refunds of the payment the charge was (the order's sale or
 * one invoice), partial ones pro rata to what was booked; a refund of a payment not
 * booked yet waits and is applied when it is.</li>
 * <li>{@code customer.subscription.deleted}: closes the recurring order.</li>
 * </ul>
 * Locking: opening an order takes a lock on that order's id; anything that changes an
 * existing order, a payment link or a refund takes one lock for all of them, always after
 * the order's (so no two events wait for each other).
 */
@Service
public class StripeIngestion {

	/** The product of a Checkout Session whose payload names no price. */
	private static final Logger log = LoggerFactory.getLogger(StripeIngestion.class);

	public enum Outcome {

		APPLIED, IGNORED, PENDING, REJECTED, DUPLICATE;

		String value() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	/**
	 * @param settle the payment refs this event booked: refunds waiting for them are
	 * applied after its commit
	 */
	public record Result(Outcome outcome, String detail, List<String> settle) {

		Result(Outcome outcome, String detail) {
			this(outcome, detail, List.of());
		}

	}

	private final StripeStore store;

	private final OrderApi orders;

	private final StripeCoupons coupons;

	private final StripeProducts products;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Duration sessionWait;

	private final StripeRefunds refunds;

	StripeIngestion(StripeStore store, StripeRefunds refunds, OrderApi orders, StripeCoupons coupons,
			StripeProducts products, PlatformTransactionManager transactionManager, Clock clock,
			PartnerhubProperties properties) {
		this.store = store;
		this.refunds = refunds;
		this.orders = orders;
		this.coupons = coupons;
		this.products = products;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
		this.sessionWait = properties.integrations().stripe().sessionWait();
	}

	/**
	 * Applies the event once. An event that cannot be applied as it is (no e-mail, an
	 * order that is closed, a refund larger than what is left) is rolled back and
	 * recorded as rejected, so Stripe does not send it for days.
	 */
	public Result apply(StripeEvent event) {
		Result result = applyOnce(event);
		int settled = this.refunds.settle(result.settle());
		return settled == 0 ? result : new Result(result.outcome(),
				result.detail() + "; " + settled + " waiting refund(s) applied", result.settle());
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
			case "charge.refunded" -> this.refunds.chargeRefunded(event);
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
		StripeObjects.Buyer buyer = buyer(session);
		String currency = StripeMoney.currency(Json.text(session, "currency"));
		List<OrderApi.Line> lines = this.products.checkoutLines(session, currency);
		String coupon = this.coupons.couponOf(session);
		this.orders.place(new OrderApi.NewOrder(orderId, buyer.email(), buyer.firstName(), buyer.lastName(),
				referralOf(session), event.created(), currency, false, lines, coupon));
		this.store.lockLinks();
		BigDecimal booked = SaleLines.total(lines);
		String paymentIntent = Json.id(session, "payment_intent");
		this.store.linkTarget(paymentIntent, orderId, null, booked);
		return new Result(Outcome.APPLIED, "Order " + orderId + " of " + booked + " " + currency
				+ (coupon == null ? "" : " with coupon " + coupon), refs(paymentIntent));
	}

	/**
	 * A subscription's session: its buyer, referral and coupon wait for the first invoice
	 * (or open it, if it waits).
	 */
	private Result subscriptionSession(JsonNode session, String sessionId) {
		String subscriptionId = required(Json.id(session, "subscription"),
				"The subscription Checkout Session names no subscription.");
		String orderId = "stripe:" + subscriptionId;
		this.store.lock(orderId);
		StripeStore.Subscription row = this.store.subscription(subscriptionId);
		StripeObjects.Buyer buyer = buyer(session);
		this.store.rememberSession(subscriptionId, sessionId, buyer.email(), buyer.firstName(), buyer.lastName(),
				referralOf(session), this.coupons.couponOf(session));
		if (row.orderId() != null || this.orders.exists(orderId)) {
			return new Result(Outcome.IGNORED, "Order " + orderId + " was opened before this session arrived (waited "
					+ this.sessionWait.toMinutes() + " min).");
		}
		if (row.waitingInvoice() != null) {
			Result opened = openSubscription(this.store.subscription(subscriptionId), readInvoice(row), sessionId);
			return new Result(Outcome.APPLIED, "Opened with its waiting first invoice: " + opened.detail(),
					opened.settle());
		}
		return new Result(Outcome.APPLIED,
				"StripeObjects.Buyer and referral of subscription " + subscriptionId + " kept for its first invoice.");
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
				// a later invoice before the first one found its session: the first is
				// booked without it
				settle.addAll(openSubscription(row, readInvoice(row), null).settle());
			}
			else if (row.sessionId() != null || this.coupons.ownReferral(invoice) || row.deletedAt() != null) {
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

	/**
	 * Opens the subscription's recurring order with its first invoice and what its
	 * session told (if it did).
	 */
	private Result openSubscription(StripeStore.Subscription row, JsonNode invoice, String sessionId) {
		String subscriptionId = row.subscriptionId();
		String orderId = "stripe:" + subscriptionId;
		String invoiceId = required(Json.text(invoice, "id"), "The invoice has no id.");
		String email = row.email() != null ? row.email() : Json.text(invoice, "customer_email");
		if (email == null) {
			throw new StripeEventException(
					"Neither the subscription's session nor invoice " + invoiceId + " has the customer's e-mail.");
		}
		String[] name = row.email() != null ? new String[] { row.firstName(), row.lastName() }
				: names(Json.text(invoice, "customer_name"));
		String referral = row.referral() != null ? row.referral() : referral(subscriptionMetadata(invoice));
		String coupon = row.couponCode() != null ? row.couponCode()
				: Optional.ofNullable(coupon(subscriptionMetadata(invoice)))
					.orElseGet(() -> this.coupons.discountCoupon(invoice));
		String currency = StripeMoney.currency(Json.text(invoice, "currency"));
		List<OrderApi.Line> lines = this.products.invoiceLines(invoice, currency);
		Instant at = paidAt(invoice, null);
		this.orders.place(
				new OrderApi.NewOrder(orderId, email, name[0], name[1], referral, at, currency, true, lines, coupon));
		this.store.opened(subscriptionId, orderId);
		this.store.lockLinks();
		BigDecimal booked = SaleLines.total(lines);
		this.store.linkTarget(invoiceId, orderId, null, booked);
		for (String ref : legacyPayments(invoice)) {
			this.store.linkAlias(ref, invoiceId);
		}
		if (row.deletedAt() != null) {
			this.orders.close(orderId);
		}
		return new Result(Outcome.APPLIED,
				"Recurring order " + orderId + " opened with invoice " + invoiceId + " (" + booked + " " + currency
						+ ")" + (sessionId == null && row.sessionId() == null ? ", without a session" : "")
						+ (coupon == null ? "" : ", coupon " + coupon)
						+ (row.deletedAt() != null ? ", closed (the subscription was deleted)" : ""),
				invoiceRefs(invoiceId, invoice));
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
	 * Books the first invoices that waited longer than the session wait for their
	 * Checkout Session, without it (a subscription made outside Checkout); returns how
	 * many. Run by {@link StripeSessionWait}.
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
		this.refunds.settle(settle);
		// and refunds whose payment was booked by an event whose settling did not finish
		// (a crash after its commit)
		this.refunds.settle(this.transactions.execute(status -> this.store.pendingRefs()));
		return opened;
	}

	/** An invoice, its legacy payment refs and the payments known to have paid it. */
	private List<String> invoiceRefs(String invoiceId, JsonNode invoice) {
		List<String> refs = new ArrayList<>(refs(invoiceId));
		refs.addAll(legacyPayments(invoice));
		refs.addAll(this.store.aliasesOf(invoiceId));
		return refs;
	}

}
