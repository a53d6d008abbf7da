package dev.partnerhub.webhooks.domain;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.partnerhub.audit.AuditEntry;
import dev.partnerhub.audit.AuditLog;
import dev.partnerhub.support.PartnerhubProperties;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Posts queued deliveries, like the mail outbox: each row is claimed by one sender with
 * {@code for update skip locked} and a status change to {@code sending} (one auto-commit
 * statement) before its request goes out, so two senders — threads or instances — never
 * post one row twice. A 2xx answer is delivered; anything else (another status, a
 * redirect — never followed —, a timeout, a refused address) is retried after
 * {@link #BACKOFF} (30 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h: {@value #MAX_ATTEMPTS}
 * tries over about 28 hours) and then failed. The times come from the {@link Clock}. An
 * endpoint that has not had a success for {@code partnerhub.webhooks.disable-after}
 * (default 5 days) is disabled at its next failure, audited, and named in the console's
 * banner. A sender that died mid-request leaves its rows {@code sending}; they are queued
 * again after {@link #STUCK} (at least once, as the Standard Webhooks receivers expect:
 * they de-duplicate on {@code webhook-id}).
 */
@Component
public class WebhookSender {

	static final List<Duration> BACKOFF = List.of(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(30),
			Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));

	static final int MAX_ATTEMPTS = 8;

	static final Duration STUCK = Duration.ofMinutes(5);

	private static final int BATCH = 20;

	private static final int MAX_PER_RUN = 500;

	private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

	private final JdbcClient jdbc;

	private final WebhookUrls urls;

	private final AuditLog audit;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final PartnerhubProperties.Webhooks settings;

	private final HttpClient http;

	WebhookSender(JdbcClient jdbc, WebhookUrls urls, AuditLog audit, Clock clock,
			PlatformTransactionManager transactions, PartnerhubProperties properties) {
		this.jdbc = jdbc;
		this.urls = urls;
		this.audit = audit;
		this.clock = clock;
		this.transactions = new TransactionTemplate(transactions);
		this.settings = properties.webhooks();
		this.http = HttpClient.newBuilder()
			.connectTimeout(this.settings.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.version(HttpClient.Version.HTTP_1_1)
			.build();
	}

	@Scheduled(fixedDelayString = "${partnerhub.webhooks.delivery.interval:PT5S}",
			initialDelayString = "${partnerhub.webhooks.delivery.initial-delay:PT10S}")
	@SchedulerLock(name = "webhook-delivery", lockAtMostFor = "PT10M")
	public void scheduled() {
		if (this.settings.delivery().enabled()) {
			int sent = deliverDue(this.clock.instant());
			if (sent > 0) {
				log.debug("Delivered {} webhooks", sent);
			}
		}
	}

	/** How long delivered and failed deliveries stay in the log. */
	static final Duration KEEP = Duration.ofDays(30);

	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
	@SchedulerLock(name = "webhook-cleanup", lockAtMostFor = "PT30M")
	public void scheduledCleanup() {
		if (this.settings.delivery().enabled()) {
			cleanUp(this.clock.instant());
		}
	}

	/**
	 * Deletes delivered and failed deliveries older than {@link #KEEP} and the messages
	 * no delivery refers to any more; returns the deliveries deleted.
	 */
	public int cleanUp(Instant now) {
		Timestamp cutoff = Timestamp.from(now.minus(KEEP));
		int deleted = this.jdbc.sql("""
				delete from webhook_delivery where status in ('delivered', 'failed') and created_at < :cutoff
				""").param("cutoff", cutoff).update();
		this.jdbc.sql("""
				delete from webhook_message m where m.created_at < :cutoff
				and not exists (select 1 from webhook_delivery d where d.message_id = m.id)
				""").param("cutoff", cutoff).update();
		return deleted;
	}

	/** Posts every delivery due at {@code now}; returns how many were delivered. */
	public int deliverDue(Instant now) {
		this.jdbc.sql("""
				update webhook_delivery set status = 'queued', next_attempt_at = :now
				where status = 'sending' and claimed_at < :stuck
				""").param("now", Timestamp.from(now)).param("stuck", Timestamp.from(now.minus(STUCK))).update();
		int delivered = 0;
		int handled = 0;
		long runStarted = System.nanoTime();
		List<Claimed> batch;
		do {
			batch = claim(now);
			for (Claimed delivery : batch) {
				// each attempt is signed and recorded at its own time: after slow
				// receivers
				// (up to the timeout each) the run's start would be minutes old, and
				// receivers refuse stale webhook-timestamps (Standard Webhooks: 5
				// minutes)
				if (send(delivery, now.plusNanos(System.nanoTime() - runStarted))) {
					delivered++;
				}
			}
			handled += batch.size();
		}
		while (batch.size() == BATCH && handled < MAX_PER_RUN);
		return delivered;
	}

	private List<Claimed> claim(Instant now) {
		List<Long> ids = this.jdbc.sql("""
				update webhook_delivery set status = 'sending', claimed_at = :now
				where id in (select d.id from webhook_delivery d join webhook_endpoint e on e.id = d.endpoint_id
				             where d.status = 'queued' and d.next_attempt_at <= :now and e.status = 'active'
				             order by d.next_attempt_at, d.id
				             limit :batch
				             for update of d skip locked)
				returning id
				""").param("now", Timestamp.from(now)).param("batch", BATCH).query(Long.class).list();
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				select d.id, d.endpoint_id, d.message_id, d.attempts, e.url, e.secret, m.body
				from webhook_delivery d join webhook_endpoint e on e.id = d.endpoint_id
				join webhook_message m on m.id = d.message_id
				where d.id = any(:ids) order by d.next_attempt_at, d.id
				""")
			.param("ids", new SqlArrayValue("bigint", ids.toArray()))
			.query((rs, n) -> new Claimed(rs.getLong("id"), rs.getLong("endpoint_id"), rs.getString("message_id"),
					rs.getInt("attempts"), rs.getString("url"), rs.getString("secret"), rs.getString("body")))
			.list();
	}

	private boolean send(Claimed delivery, Instant now) {
		String refused = this.urls.refusedAtSend(delivery.url());
		if (refused != null) {
			recordFailure(delivery, now, null, null, "Not sent: " + refused);
			return false;
		}
		long timestamp = now.getEpochSecond();
		HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.url()))
			.timeout(this.settings.requestTimeout())
			.header("Content-Type", "application/json")
			.header("User-Agent", "Partnerhub-Webhooks/1")
			.header("webhook-id", delivery.messageId())
			.header("webhook-timestamp", Long.toString(timestamp))
			.header("webhook-signature",
					WebhookSignatures.sign(delivery.secret(), delivery.messageId(), timestamp, delivery.body()))
			.POST(HttpRequest.BodyPublishers.ofString(delivery.body(), StandardCharsets.UTF_8))
			.build();
		long started = System.nanoTime();
		int status;
		try {
			status = this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (HttpTimeoutException ex) {
			recordFailure(delivery, now, null, millisSince(started), "Timed out: " + ex.getMessage());
			return false;
		}
		catch (IOException ex) {
			recordFailure(delivery, now, null, millisSince(started), describe(ex));
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			recordFailure(delivery, now, null, millisSince(started), "Interrupted (shutdown)");
			return false;
		}
		int latency = millisSince(started);
		if (status >= 200 && status < 300) {
			this.transactions.executeWithoutResult(tx -> {
				this.jdbc.sql("""
						update webhook_delivery set status = 'delivered', attempts = attempts + 1, delivered_at = :now,
						       last_attempt_at = :now, response_code = :code, latency_ms = :latency, last_error = null
						where id = :id and status = 'sending'
						""")
					.param("now", Timestamp.from(now))
					.param("code", status)
					.param("latency", latency)
					.param("id", delivery.id())
					.update();
				this.jdbc.sql(
						"update webhook_endpoint set failing_since = null where id = :id and failing_since is not null")
					.param("id", delivery.endpointId())
					.update();
			});
			return true;
		}
		recordFailure(delivery, now, status, latency, status >= 300 && status < 400
				? "Answered " + status + " (redirects are not followed)" : "Answered " + status);
		return false;
	}

	private void recordFailure(Claimed delivery, Instant now, Integer code, Integer latency, String error) {
		int attempts = delivery.attempts() + 1;
		boolean giveUp = attempts >= MAX_ATTEMPTS;
		Instant next = giveUp ? now : now.plus(BACKOFF.get(Math.min(attempts, BACKOFF.size()) - 1));
		String text = error.length() > 2000 ? error.substring(0, 2000) : error;
		this.transactions.executeWithoutResult(tx -> {
			this.jdbc.sql("""
					update webhook_delivery set status = :status, attempts = :attempts, next_attempt_at = :next,
					       last_attempt_at = :now, response_code = :code, latency_ms = :latency, last_error = :error
					where id = :id and status = 'sending'
					""")
				.param("status", giveUp ? "failed" : "queued")
				.param("attempts", attempts)
				.param("next", Timestamp.from(next))
				.param("now", Timestamp.from(now))
				.param("code", code, java.sql.Types.INTEGER)
				.param("latency", latency, java.sql.Types.INTEGER)
				.param("error", text)
				.param("id", delivery.id())
				.update();
			this.jdbc.sql("""
					update webhook_endpoint set failing_since = :now where id = :id and failing_since is null
					""").param("now", Timestamp.from(now)).param("id", delivery.endpointId()).update();
			List<String> disabled = this.jdbc
				.sql("""
						update webhook_endpoint
						set status = 'disabled',
						    disabled_reason = 'Disabled automatically: every delivery failed since ' || to_char(failing_since at time zone 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC.'
						where id = :id and status = 'active' and failing_since <= :cutoff
						returning url
						""")
				.param("id", delivery.endpointId())
				.param("cutoff", Timestamp.from(now.minus(this.settings.disableAfter())))
				.query(String.class)
				.list();
			if (!disabled.isEmpty()) {
				this.audit.record(AuditEntry
					.of("system", "webhook.auto_disable", "webhook_endpoint", delivery.endpointId(), "active",
							"disabled")
					.withDetail("no successful delivery to " + disabled.get(0) + " for "
							+ this.settings.disableAfter().toDays() + " days; last error: " + text));
				log.warn("Webhook endpoint {} ({}) disabled after failing for {}", delivery.endpointId(),
						disabled.get(0), this.settings.disableAfter());
			}
		});
		log.info("Webhook {} to endpoint {} failed (attempt {}{}): {}", delivery.messageId(), delivery.endpointId(),
				attempts, giveUp ? ", giving up" : "", text);
	}

	private static int millisSince(long started) {
		return (int) Math.min(Integer.MAX_VALUE, Duration.ofNanos(System.nanoTime() - started).toMillis());
	}

	private static String describe(Exception ex) {
		String message = ex.getMessage();
		if (message == null && ex.getCause() != null) {
			message = ex.getCause().getMessage();
		}
		return ex.getClass().getSimpleName() + (message == null ? "" : ": " + message);
	}

	private record Claimed(long id, long endpointId, String messageId, int attempts, String url, String secret,
			String body) {
	}

}
