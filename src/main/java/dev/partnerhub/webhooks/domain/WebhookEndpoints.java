package dev.partnerhub.webhooks.domain;

import java.net.URI;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.partnerhub.audit.Actor;
import dev.partnerhub.audit.AuditEntry;
import dev.partnerhub.audit.AuditLog;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import dev.partnerhub.webhooks.WebhookEventType;
import dev.partnerhub.support.Excerpts;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registered endpoints: add (the secret is shown once), list, disable, enable, delete,
 * rotate the secret (shown once again); an endpoint's delivery log and "send again".
 */
@Service
@Transactional
public class WebhookEndpoints {

	/** An admin registers a handful; more is a mistake or abuse. */
	static final int MAX_ENDPOINTS = 50;

	private final JdbcClient jdbc;

	private final WebhookUrls urls;

	private final AuditLog audit;

	private final Clock clock;

	WebhookEndpoints(JdbcClient jdbc, WebhookUrls urls, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.urls = urls;
		this.audit = audit;
		this.clock = clock;
	}

	/** A new endpoint and its secret (the only time the secret is shown). */
	public record Created(long id, String secret) {
	}

	public record Endpoint(long id, String url, List<String> events, String status, @Nullable String disabledReason,
			@Nullable Instant failingSince, Instant createdAt, long queued, long failed) {

		public boolean active() {
			return "active".equals(this.status);
		}

	}

	public record Delivery(long id, String messageId, String type, String status, int attempts,
			@Nullable Integer responseCode, @Nullable Integer latencyMs, @Nullable String lastError,
			@Nullable Instant lastAttemptAt, Instant nextAttemptAt, @Nullable Instant deliveredAt) {
	}

	public Created register(String url, List<String> events) {
		// the cheap checks before the DNS lookup
		List<String> types = eventTypes(events);
		URI uri = this.urls.check(url);
		long count = this.jdbc.sql("select count(*) from webhook_endpoint").query(Long.class).single();
		if (count >= MAX_ENDPOINTS) {
			throw new InvalidInputException("url", "At most " + MAX_ENDPOINTS + " endpoints can be registered.");
		}
		String secret = WebhookSignatures.newSecret();
		long id = this.jdbc.sql("""
				insert into webhook_endpoint (url, events, secret, created_at) values (:url, :events, :secret, :now)
				returning id
				""")
			.param("url", uri.toString())
			.param("events", new SqlArrayValue("text", types.toArray()))
			.param("secret", secret)
			.param("now", Timestamp.from(this.clock.instant()))
			.query(Long.class)
			.single();
		this.audit.record(AuditEntry.of(Actor.current(), "webhook.create", "webhook_endpoint", id, null,
				uri + " " + String.join(",", types)));
		return new Created(id, secret);
	}

	static List<String> eventTypes(List<String> events) {
		if (events == null || events.isEmpty()) {
			throw new InvalidInputException("events",
					"Choose at least one event: " + String.join(", ", WebhookEventType.wireNames()) + ".");
		}
		Set<String> types = new LinkedHashSet<>();
		for (String event : events) {
			String name = event == null ? "" : event.strip();
			if (WebhookEventType.of(name).isEmpty()) {
				throw new InvalidInputException("events", "Unknown event '" + Excerpts.of(name, 40) + "'; known: "
						+ String.join(", ", WebhookEventType.wireNames()) + ".");
			}
			types.add(name);
		}
		return new ArrayList<>(types);
	}

	@Transactional(readOnly = true)
	public List<Endpoint> all() {
		return this.jdbc
			.sql("""
					select e.*, (select count(*) from webhook_delivery d where d.endpoint_id = e.id and d.status = 'queued') queued,
					       (select count(*) from webhook_delivery d where d.endpoint_id = e.id and d.status = 'failed') failed
					from webhook_endpoint e order by e.id
					""")
			.query(WebhookEndpoints::endpoint)
			.list();
	}

	@Transactional(readOnly = true)
	public Endpoint find(long id) {
		return this.jdbc
			.sql("""
					select e.*, (select count(*) from webhook_delivery d where d.endpoint_id = e.id and d.status = 'queued') queued,
					       (select count(*) from webhook_delivery d where d.endpoint_id = e.id and d.status = 'failed') failed
					from webhook_endpoint e where e.id = :id
					""")
			.param("id", id)
			.query(WebhookEndpoints::endpoint)
			.optional()
			.orElseThrow(() -> new NotFoundException("No webhook endpoint " + id + "."));
	}

	/**
	 * The endpoints disabled by the sender after failing too long (the console's banner).
	 */
	@Transactional(readOnly = true)
	public List<Endpoint> disabledForFailures() {
		return all().stream().filter(e -> !e.active() && e.failingSince() != null).toList();
	}

	@Transactional(readOnly = true)
	public List<Delivery> deliveries(long endpointId, int limit) {
		find(endpointId);
		return this.jdbc.sql("""
				select d.*, m.type from webhook_delivery d join webhook_message m on m.id = d.message_id
				where d.endpoint_id = :id order by d.id desc limit :limit
				""")
			.param("id", endpointId)
			.param("limit", limit)
			.query((rs, n) -> new Delivery(rs.getLong("id"), rs.getString("message_id"), rs.getString("type"),
					rs.getString("status"), rs.getInt("attempts"), (Integer) rs.getObject("response_code"),
					(Integer) rs.getObject("latency_ms"), rs.getString("last_error"), instant(rs, "last_attempt_at"),
					"queued".equals(rs.getString("status")) ? instant(rs, "next_attempt_at") : null,
					instant(rs, "delivered_at")))
			.list();
	}

	public void disable(long id) {
		find(id);
		this.jdbc
			.sql("update webhook_endpoint set status = 'disabled', disabled_reason = 'Disabled by an admin.', "
					+ "failing_since = null where id = :id")
			.param("id", id)
			.update();
		this.audit.record(AuditEntry.of(Actor.current(), "webhook.disable", "webhook_endpoint", id, null, null));
	}

	/** Enabling again sends what waited, from now on. */
	public void enable(long id) {
		find(id);
		this.jdbc
			.sql("""
					update webhook_endpoint set status = 'active', disabled_reason = null, failing_since = null where id = :id
					""")
			.param("id", id)
			.update();
		this.audit.record(AuditEntry.of(Actor.current(), "webhook.enable", "webhook_endpoint", id, null, null));
	}

	public void delete(long id) {
		Endpoint endpoint = find(id);
		this.jdbc.sql("delete from webhook_endpoint where id = :id").param("id", id).update();
		this.audit
			.record(AuditEntry.of(Actor.current(), "webhook.delete", "webhook_endpoint", id, endpoint.url(), null));
	}

	/**
	 * A new secret, effective for the next attempt; the old one stops working at once.
	 */
	public String rotate(long id) {
		find(id);
		String secret = WebhookSignatures.newSecret();
		this.jdbc.sql("update webhook_endpoint set secret = :secret where id = :id")
			.param("secret", secret)
			.param("id", id)
			.update();
		this.audit.record(AuditEntry.of(Actor.current(), "webhook.rotate_secret", "webhook_endpoint", id, null, null));
		return secret;
	}

	/**
	 * "Send again": the delivery is queued for now (a delivered or failed one too); one
	 * more failure after the last try fails it again. A delivery being sent right now is
	 * left alone.
	 */
	public void resend(long endpointId, long deliveryId) {
		int changed = this.jdbc.sql("""
				update webhook_delivery set status = 'queued', next_attempt_at = :now
				where id = :id and endpoint_id = :endpoint and status <> 'sending'
				""")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("id", deliveryId)
			.param("endpoint", endpointId)
			.update();
		if (changed == 0 && this.jdbc.sql("select 1 from webhook_delivery where id = :id and endpoint_id = :endpoint")
			.param("id", deliveryId)
			.param("endpoint", endpointId)
			.query(Integer.class)
			.optional()
			.isEmpty()) {
			throw new NotFoundException("No delivery " + deliveryId + " for webhook endpoint " + endpointId + ".");
		}
	}

	private static Endpoint endpoint(ResultSet rs, int n) throws SQLException {
		Array events = rs.getArray("events");
		return new Endpoint(rs.getLong("id"), rs.getString("url"), Arrays.asList((String[]) events.getArray()),
				rs.getString("status"), rs.getString("disabled_reason"), instant(rs, "failing_since"),
				instant(rs, "created_at"), rs.getLong("queued"), rs.getLong("failed"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp at = rs.getTimestamp(column);
		return at == null ? null : at.toInstant();
	}

}
