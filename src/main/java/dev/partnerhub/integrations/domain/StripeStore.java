package dev.partnerhub.integrations.domain;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/**
 * The Stripe webhook's tables (V25_3): events taken, subscriptions' sessions, payments'
 * orders, refunds.
 */
@Repository
class StripeStore {

	/**
	 * One lock for everything that touches existing orders or the payment links (see
	 * StripeIngestion).
	 */
	private static final String LINKS_LOCK = "stripe:payments";

	private final JdbcClient jdbc;

	StripeStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Takes the event's id; false when it is taken. A concurrent delivery of the same
	 * event waits here for the first one's transaction: committed, this one is a
	 * duplicate; rolled back, this one goes on.
	 */
	boolean claim(StripeEvent event) {
		return this.jdbc.sql("""
				insert into stripe_event (event_id, type, outcome, livemode, created_at)
				values (:id, :type, 'applied', :live, :created) on conflict (event_id) do nothing
				""")
			.param("id", event.id())
			.param("type", event.type())
			.param("live", event.livemode())
			.param("created", Timestamp.from(event.created()))
			.update() > 0;
	}

	void outcome(String eventId, String outcome, String detail) {
		this.jdbc.sql("update stripe_event set outcome = :outcome, detail = :detail where event_id = :id")
			.param("outcome", outcome)
			.param("detail", Json.limit(detail == null ? "" : detail, 2000))
			.param("id", eventId)
			.update();
	}

	/**
	 * A transaction-scoped lock on a Stripe object (an order being opened), released at
	 * commit or rollback.
	 */
	void lock(String key) {
		this.jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 25))").param("key", key).query().singleRow();
	}

	/**
	 * The lock every change of an existing order, payment link or refund takes, after any
	 * object lock.
	 */
	void lockLinks() {
		lock(LINKS_LOCK);
	}

	// --- payments: which order and payment a payment intent, invoice or charge is

	/**
	 * Where a payment was booked: the order and its recurring charge (null = the initial
	 * sale), and its net.
	 */
	record Target(String orderId, String chargeId, BigDecimal booked) {
	}

	void linkTarget(String ref, String orderId, String chargeId, BigDecimal booked) {
		if (ref == null) {
			return;
		}
		this.jdbc.sql("""
				insert into stripe_payment (ref, order_id, charge_id, booked) values (:ref, :order, :charge, :booked)
				on conflict (ref) do update set order_id = excluded.order_id, charge_id = excluded.charge_id,
				    booked = excluded.booked, invoice_id = null
				""")
			.param("ref", ref)
			.param("order", orderId)
			.param("charge", chargeId)
			.param("booked", booked)
			.update();
	}

	/**
	 * This payment intent or charge paid that invoice (kept unless the ref is booked
	 * itself).
	 */
	void linkAlias(String ref, String invoiceId) {
		if (ref == null) {
			return;
		}
		this.jdbc.sql("""
				insert into stripe_payment (ref, invoice_id) values (:ref, :invoice) on conflict (ref) do nothing
				""").param("ref", ref).param("invoice", invoiceId).update();
	}

	boolean isLinked(String ref) {
		return this.jdbc.sql("select exists (select 1 from stripe_payment where ref = :ref)")
			.param("ref", ref)
			.query(Boolean.class)
			.single();
	}

	/** The first of these refs booked directly or through the invoice it paid. */
	Optional<Target> resolve(List<String> refs) {
		return this.jdbc.sql("""
				select coalesce(p.order_id, q.order_id) as order_id,
				       case when p.order_id is not null then p.charge_id else q.charge_id end as charge_id,
				       case when p.order_id is not null then p.booked else q.booked end as booked
				from stripe_payment p left join stripe_payment q on q.ref = p.invoice_id
				where p.ref = any(:refs) and coalesce(p.order_id, q.order_id) is not null
				order by array_position(:refs, p.ref) limit 1
				""")
			.param("refs", array(refs))
			.query((rs, n) -> new Target(rs.getString("order_id"), rs.getString("charge_id"),
					rs.getBigDecimal("booked")))
			.optional();
	}

	/**
	 * The refs that paid this invoice (payment intents, charges), for refunds that name
	 * only those.
	 */
	List<String> aliasesOf(String invoiceId) {
		return this.jdbc.sql("select ref from stripe_payment where invoice_id = :invoice")
			.param("invoice", invoiceId)
			.query(String.class)
			.list();
	}

	// --- refunds

	record Refund(String refundId, String stripeCharge, BigDecimal amount, BigDecimal chargeAmount, boolean completes,
			String currency, List<String> refs) {
	}

	BigDecimal refundedOf(String stripeCharge) {
		return this.jdbc.sql("select coalesce(sum(amount), 0) from stripe_refund where stripe_charge = :ch")
			.param("ch", stripeCharge)
			.query(BigDecimal.class)
			.single();
	}

	boolean isPending(String refundId) {
		return this.jdbc.sql("select exists (select 1 from stripe_refund where refund_id = :id and status = 'pending')")
			.param("id", refundId)
			.query(Boolean.class)
			.single();
	}

	boolean refundKnown(String refundId) {
		return this.jdbc.sql("select exists (select 1 from stripe_refund where refund_id = :id)")
			.param("id", refundId)
			.query(Boolean.class)
			.single();
	}

	void insertRefund(Refund refund, String status, String orderId, String detail, String eventId, Instant now) {
		this.jdbc
			.sql("""
					insert into stripe_refund (refund_id, stripe_charge, amount, charge_amount, completes, currency, refs,
					    status, order_id, detail, event_id, created_at, applied_at)
					values (:id, :ch, :amount, :chargeAmount, :completes, :currency, :refs, :status, :order, :detail, :event,
					    :now, case when :status = 'pending' then null else cast(:now as timestamptz) end)
					""")
			.param("id", refund.refundId())
			.param("ch", refund.stripeCharge())
			.param("amount", refund.amount())
			.param("chargeAmount", refund.chargeAmount())
			.param("completes", refund.completes())
			.param("currency", refund.currency())
			.param("refs", array(refund.refs()))
			.param("status", status)
			.param("order", orderId)
			.param("detail", Json.limit(detail, 500))
			.param("event", eventId)
			.param("now", Timestamp.from(now))
			.update();
	}

	/** Pending refunds naming any of these refs, oldest first. */
	List<Refund> pendingFor(List<String> refs) {
		return this.jdbc.sql("""
				select refund_id, stripe_charge, amount, charge_amount, completes, currency, refs from stripe_refund
				where status = 'pending' and refs && :refs order by created_at, refund_id
				""")
			.param("refs", array(refs))
			.query((rs, n) -> new Refund(rs.getString("refund_id"), rs.getString("stripe_charge"),
					rs.getBigDecimal("amount"), rs.getBigDecimal("charge_amount"), rs.getBoolean("completes"),
					rs.getString("currency"), Arrays.asList((String[]) rs.getArray("refs").getArray())))
			.list();
	}

	/**
	 * The refs of every pending refund (at most 1,000 refunds): the sweeper's safety net.
	 */
	List<String> pendingRefs() {
		return this.jdbc.sql("""
				select distinct unnest(refs) from (select refs from stripe_refund where status = 'pending'
				    order by created_at limit 1000) p
				""").query(String.class).list();
	}

	void refundDone(String refundId, String status, String orderId, String detail, Instant now) {
		this.jdbc.sql("""
				update stripe_refund set status = :status, order_id = :order, detail = :detail, applied_at = :now
				where refund_id = :id
				""")
			.param("status", status)
			.param("order", orderId)
			.param("detail", Json.limit(detail, 500))
			.param("now", Timestamp.from(now))
			.param("id", refundId)
			.update();
	}

	// --- subscriptions

	record Subscription(String subscriptionId, @Nullable String sessionId, @Nullable String email,
			@Nullable String firstName, @Nullable String lastName, @Nullable String referral,
			@Nullable String couponCode, @Nullable String waitingInvoice, @Nullable Instant waitingSince,
			@Nullable Instant deletedAt, @Nullable String orderId) {
	}

	/** The subscription's row, created empty when absent, locked for this transaction. */
	Subscription subscription(String subscriptionId) {
		this.jdbc.sql("insert into stripe_subscription (subscription_id) values (:id) on conflict do nothing")
			.param("id", subscriptionId)
			.update();
		return this.jdbc.sql("""
				select subscription_id, session_id, email, first_name, last_name, referral, coupon_code,
				       waiting_invoice, waiting_since, deleted_at, order_id
				from stripe_subscription where subscription_id = :id for update
				""")
			.param("id", subscriptionId)
			.query((rs, n) -> new Subscription(rs.getString("subscription_id"), rs.getString("session_id"),
					rs.getString("email"), rs.getString("first_name"), rs.getString("last_name"),
					rs.getString("referral"), rs.getString("coupon_code"), rs.getString("waiting_invoice"),
					instant(rs.getTimestamp("waiting_since")), instant(rs.getTimestamp("deleted_at")),
					rs.getString("order_id")))
			.single();
	}

	void rememberSession(String subscriptionId, String sessionId, String email, String firstName, String lastName,
			String referral, String couponCode) {
		this.jdbc.sql("""
				update stripe_subscription set session_id = :session, email = :email, first_name = :first,
				    last_name = :last, referral = :referral, coupon_code = :coupon
				where subscription_id = :id
				""")
			.param("session", sessionId)
			.param("email", email)
			.param("first", firstName)
			.param("last", lastName)
			.param("referral", referral)
			.param("coupon", couponCode)
			.param("id", subscriptionId)
			.update();
	}

	void keepWaiting(String subscriptionId, String invoiceJson, Instant since) {
		this.jdbc.sql("""
				update stripe_subscription set waiting_invoice = :invoice, waiting_since = :since
				where subscription_id = :id
				""")
			.param("invoice", invoiceJson)
			.param("since", Timestamp.from(since))
			.param("id", subscriptionId)
			.update();
	}

	void opened(String subscriptionId, String orderId) {
		this.jdbc.sql("""
				update stripe_subscription set order_id = :order, waiting_invoice = null, waiting_since = null
				where subscription_id = :id
				""").param("order", orderId).param("id", subscriptionId).update();
	}

	void deleted(String subscriptionId, Instant at) {
		this.jdbc.sql("update stripe_subscription set deleted_at = :at where subscription_id = :id")
			.param("at", Timestamp.from(at))
			.param("id", subscriptionId)
			.update();
	}

	/**
	 * Subscriptions whose first invoice has waited for its session since before
	 * {@code before}.
	 */
	List<String> waitingSince(Instant before) {
		return this.jdbc.sql("""
				select subscription_id from stripe_subscription
				where waiting_invoice is not null and waiting_since < :before order by waiting_since limit 100
				""").param("before", Timestamp.from(before)).query(String.class).list();
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	private static SqlArrayValue array(List<String> values) {
		return new SqlArrayValue("varchar", values.stream().filter(Objects::nonNull).toArray());
	}

}
