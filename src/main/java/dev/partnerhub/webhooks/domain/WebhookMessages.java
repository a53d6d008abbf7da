package dev.partnerhub.webhooks.domain;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.partnerhub.commissions.CommissionStatus;
import dev.partnerhub.commissions.CommissionsCreated;
import dev.partnerhub.commissions.CommissionsStatusChanged;
import dev.partnerhub.orders.OrderRefunded;
import dev.partnerhub.partners.PartnerApproved;
import dev.partnerhub.partners.PartnerCreated;
import dev.partnerhub.payouts.PayoutsPaid;
import dev.partnerhub.webhooks.WebhookEventType;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Turns domain events into webhook messages and their deliveries. Each listener is
 * registry-backed ({@link ApplicationModuleListener}: a row in {@code event_publication}
 * written with the event, completed when the listener returned) and runs in one
 * transaction that stores the messages (JSON body fixed now) and one queued delivery per
 * subscribed active endpoint. Message ids are derived from the subject
 * ({@code msg_commission_approved_42}) and both inserts are {@code on conflict do
 * nothing}, so a resubmitted publication adds nothing: exactly one delivery per endpoint
 * and message. Without a subscribed endpoint a listener does one indexed read and stops.
 */
@Component
class WebhookMessages {

	private final JdbcClient jdbc;

	private final Clock clock;

	WebhookMessages(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@ApplicationModuleListener(id = "webhooks.partner-created")
	void onPartnerCreated(PartnerCreated event) {
		partners(WebhookEventType.PARTNER_CREATED, event.partnerId());
	}

	@ApplicationModuleListener(id = "webhooks.partner-approved")
	void onPartnerApproved(PartnerApproved event) {
		partners(WebhookEventType.PARTNER_APPROVED, event.partnerId());
	}

	@ApplicationModuleListener(id = "webhooks.commissions-created")
	void onCommissionsCreated(CommissionsCreated event) {
		commissions(WebhookEventType.COMMISSION_CREATED, event.commissionIds());
	}

	@ApplicationModuleListener(id = "webhooks.commissions-status-changed")
	void onCommissionsStatusChanged(CommissionsStatusChanged event) {
		if (event.to() == CommissionStatus.APPROVED) {
			commissions(WebhookEventType.COMMISSION_APPROVED, event.commissionIds());
		}
		else if (event.to() == CommissionStatus.PAID) {
			commissions(WebhookEventType.COMMISSION_PAID, event.commissionIds());
		}
	}

	@ApplicationModuleListener(id = "webhooks.payouts-paid")
	void onPayoutsPaid(PayoutsPaid event) {
		if (event.items().isEmpty() || !subscribed(WebhookEventType.PAYOUT_PAID)) {
			return;
		}
		store(WebhookEventType.PAYOUT_PAID, event.items().stream().map(PayoutsPaid.Item::itemId).toList(),
				"""
						select i.id sid, json_build_object('id', i.id, 'batchId', :batch::bigint, 'partnerId', i.partner_id,
						         'partnerCode', p.code, 'amount', i.amount::text, 'currency', i.currency, 'paidAt', :paidAt::timestamptz) data
						from unnest(:items, :partners, :amounts, :currencies) as i(id, partner_id, amount, currency)
						join partner_directory p on p.id = i.partner_id
						""",
				sql -> sql.param("batch", event.batchId())
					.param("paidAt", Timestamp.from(event.paidAt()))
					.param("items",
							new SqlArrayValue("bigint", event.items().stream().map(PayoutsPaid.Item::itemId).toArray()))
					.param("partners",
							new SqlArrayValue("bigint",
									event.items().stream().map(PayoutsPaid.Item::partnerId).toArray()))
					.param("amounts",
							new SqlArrayValue("numeric",
									event.items().stream().map(PayoutsPaid.Item::amount).toArray()))
					.param("currencies", new SqlArrayValue("text",
							event.items().stream().map(PayoutsPaid.Item::currency).toArray())));
	}

	@ApplicationModuleListener(id = "webhooks.order-refunded")
	void onOrderRefunded(OrderRefunded event) {
		if (!subscribed(WebhookEventType.ORDER_REFUNDED)) {
			return;
		}
		store(WebhookEventType.ORDER_REFUNDED, List.of(event.refundRowId()), """
				select :refundRow::bigint sid, json_build_object('orderId', o.order_id, 'refundId', :refundId::text,
				         'amount', :amount::numeric::text, 'currency', o.currency, 'orderTotal', o.total::text,
				         'fullyRefunded', :full::boolean, 'refundedAt', :at::timestamptz) data
				from order_ledger o where o.id = :order
				""",
				sql -> sql.param("refundRow", event.refundRowId())
					.param("refundId", event.refundId())
					.param("amount", event.amount())
					.param("full", event.fullyRefunded())
					.param("at", Timestamp.from(event.occurredAt()))
					.param("order", event.orderId()));
	}

	private void partners(WebhookEventType type, long partnerId) {
		if (!subscribed(type)) {
			return;
		}
		store(type, List.of(partnerId),
				"""
						select p.id sid, json_build_object('id', p.id, 'code', p.code, 'status', p.status,
						         'programId', p.program_id, 'program', g.name, 'parentId', p.parent_id, 'createdAt', p.created_at) data
						from partner_directory p join program_catalog g on g.id = p.program_id
						where p.id = any(:ids)
						""",
				sql -> sql.param("ids", new SqlArrayValue("bigint", partnerId)));
	}

	private void commissions(WebhookEventType type, List<Long> ids) {
		if (ids.isEmpty() || !subscribed(type)) {
			return;
		}
		store(type, ids,
				"""
						select c.id sid, json_build_object('id', c.id, 'partnerId', c.partner_id, 'partnerCode', p.code,
						         'orderId', o.order_id, 'tier', c.tier,
						         'amount', (case when :created then c.original_amount else c.amount end)::text, 'currency', c.currency,
						         'status', c.status, 'sku', c.sku, 'kind', c.kind, 'clawbackOf', c.clawback_of,
						         'transactionDate', c.transaction_date, 'approvedAt', c.approved_at, 'paidAt', c.paid_at) data
						from commission_ledger c join partner_directory p on p.id = c.partner_id
						left join order_ledger o on o.id = c.order_id
						where c.id = any(:ids)
						""",
				sql -> sql.param("ids", new SqlArrayValue("bigint", ids.toArray()))
					// created: the amount it was made with, whatever a refund did before
					// this
					// listener ran
					.param("created", type == WebhookEventType.COMMISSION_CREATED));
	}

	private boolean subscribed(WebhookEventType type) {
		return this.jdbc
			.sql("select exists (select 1 from webhook_endpoint where status = 'active' and :type::text = any(events))")
			.param("type", type.wireName())
			.query(Boolean.class)
			.single();
	}

	/**
	 * {@code subjects} selects {@code sid} (the subject's id) and {@code data} (its JSON)
	 * for the given subjects.
	 */
	private void store(WebhookEventType type, List<Long> subjectIds, String subjects,
			java.util.function.UnaryOperator<JdbcClient.StatementSpec> params) {
		Instant now = this.clock.instant();
		params.apply(this.jdbc.sql("""
				insert into webhook_message (id, type, body, created_at)
				select :prefix::text || s.sid, :type,
				       json_build_object('type', :type::text, 'timestamp', :timestamp::text, 'data', s.data)::text, :now
				from (%s) s
				on conflict (id) do nothing
				""".formatted(subjects)))
			.param("prefix", type.messagePrefix())
			.param("type", type.wireName())
			.param("timestamp", now.toString())
			.param("now", Timestamp.from(now))
			.update();
		this.jdbc.sql("""
				insert into webhook_delivery (endpoint_id, message_id, next_attempt_at, created_at)
				select e.id, m.id, :now, :now
				from webhook_endpoint e join webhook_message m on m.id = any(:messages)
				where e.status = 'active' and :type::text = any(e.events)
				on conflict (endpoint_id, message_id) do nothing
				""")
			.param("now", Timestamp.from(now))
			.param("type", type.wireName())
			.param("messages",
					new SqlArrayValue("text", subjectIds.stream().map(id -> type.messagePrefix() + id).toArray()))
			.update();
	}

}
