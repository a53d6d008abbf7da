package dev.partnerhub.mail.domain;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.partnerhub.branding.Brand;
import dev.partnerhub.branding.Branding;
import dev.partnerhub.support.BaseUrl;
import dev.partnerhub.support.PartnerhubProperties;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.jspecify.annotations.Nullable;

/**
 * Delivers queued e-mails by SMTP ({@code spring.mail.*}). Several instances (or threads)
 * may run it at once: each message is claimed by one of them with
 * {@code for update skip locked} and a status change to {@code sending} before it is
 * sent, so none is sent twice. A failure is retried with backoff (1 min, 5 min, 30 min, 2
 * h) and the message is {@code failed} after {@value #MAX_ATTEMPTS} attempts, with the
 * error kept for the console. Without {@code spring.mail.host} there is no sender:
 * messages stay queued and readable in the console.
 * <p>
 * A message is sent at least once: an instance that dies between sending and recording
 * leaves it {@code sending}, and it is released for another attempt after {@link #STUCK}.
 * No request thread ever waits for SMTP.
 */
@Component
public class MailDelivery {

	static final int MAX_ATTEMPTS = 5;

	static final List<Duration> BACKOFF = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30),
			Duration.ofHours(2));

	static final Duration STUCK = Duration.ofMinutes(10);

	private static final int BATCH = 20;

	private final int maxPerRun;

	private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);

	private final JdbcClient jdbc;

	private final ObjectProvider<JavaMailSender> senders;

	private final String from;

	private final boolean scheduled;

	private final Clock clock;

	private final Branding branding;

	private final BaseUrl baseUrl;

	MailDelivery(JdbcClient jdbc, ObjectProvider<JavaMailSender> senders, PartnerhubProperties properties, Clock clock,
			Branding branding, BaseUrl baseUrl) {
		this.jdbc = jdbc;
		this.branding = branding;
		this.baseUrl = baseUrl;
		this.senders = senders;
		this.from = properties.mail().from();
		this.scheduled = properties.mail().delivery().enabled();
		this.maxPerRun = properties.mail().delivery().maxPerRun();
		this.clock = clock;
	}

	/** True when an SMTP server is configured ({@code spring.mail.host}). */
	public boolean smtpConfigured() {
		return this.senders.getIfAvailable() != null;
	}

	/**
	 * Sends every message due at {@code now}; returns how many were sent. Tests call this
	 * directly.
	 */
	public int deliverDue(Instant now) {
		JavaMailSender sender = this.senders.getIfAvailable();
		if (sender == null) {
			return 0;
		}
		this.jdbc.sql("""
				update mail_message set status = 'queued', next_attempt_at = :now
				where status = 'sending' and claimed_at < :stuck
				""").param("now", Timestamp.from(now)).param("stuck", Timestamp.from(now.minus(STUCK))).update();
		int sent = 0;
		int handled = 0;
		List<Claimed> batch;
		do {
			batch = claim(now);
			for (Claimed message : batch) {
				if (send(sender, message, now)) {
					sent++;
				}
			}
			handled += batch.size();
		}
		while (batch.size() == BATCH && handled < this.maxPerRun);
		return sent;
	}

	@Scheduled(fixedDelayString = "${partnerhub.mail.delivery.interval:PT5S}",
			initialDelayString = "${partnerhub.mail.delivery.initial-delay:PT5S}")
	void scheduled() {
		if (this.scheduled) {
			int sent = deliverDue(this.clock.instant());
			if (sent > 0) {
				log.info("Sent {} e-mails", sent);
			}
		}
	}

	/**
	 * One statement (auto-commit): the claimed rows are ours alone, other senders skip
	 * them.
	 */
	private List<Claimed> claim(Instant now) {
		return this.jdbc.sql("""
				update mail_message set status = 'sending', claimed_at = :now
				where id in (select id from mail_message
				             where status = 'queued' and next_attempt_at <= :now
				             order by next_attempt_at, id
				             limit :batch
				             for update skip locked)
				returning id, to_address, subject, body_text, body_html, attempts, unsubscribe_url
				""")
			.param("now", Timestamp.from(now))
			.param("batch", BATCH)
			.query((rs, n) -> new Claimed(rs.getLong("id"), rs.getString("to_address"), rs.getString("subject"),
					rs.getString("body_text"), rs.getString("body_html"), rs.getInt("attempts"),
					rs.getString("unsubscribe_url")))
			.list();
	}

	private boolean send(JavaMailSender sender, Claimed message, Instant now) {
		try {
			MimeMessage mime = sender.createMimeMessage();
			// the brand as it is when the message goes out: logo and name in an HTML
			// part, the name under the text
			Brand brand = this.branding.current();
			String html = message.html() != null ? message.html()
					: MailLayout.branded(brand) ? MailLayout.html(message.text(), brand, this.baseUrl.value()) : null;
			MimeMessageHelper helper = new MimeMessageHelper(mime, html != null, "UTF-8");
			helper.setFrom(this.from);
			helper.setTo(message.to());
			helper.setSubject(message.subject());
			if (html != null) {
				helper.setText(MailLayout.text(message.text(), brand), html);
			}
			else {
				helper.setText(message.text(), false);
			}
			if (message.unsubscribeUrl() != null) {
				// RFC 2369 and RFC 8058: mail clients offer (and post) a one-click
				// unsubscribe
				mime.setHeader("List-Unsubscribe", "<" + message.unsubscribeUrl() + ">");
				mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
			}
			sender.send(mime);
		}
		catch (jakarta.mail.MessagingException | MailParseException | MailPreparationException ex) {
			// a malformed address or message never gets better: fail it at once
			recordFailure(message, now, describe(ex), true);
			return false;
		}
		catch (RuntimeException ex) {
			recordFailure(message, now, describe(ex), false);
			return false;
		}
		this.jdbc.sql("""
				update mail_message set status = 'sent', sent_at = :now, attempts = attempts + 1, last_error = null
				where id = :id and status = 'sending'
				""").param("now", Timestamp.from(now)).param("id", message.id()).update();
		return true;
	}

	private void recordFailure(Claimed message, Instant now, String error, boolean permanent) {
		int attempts = message.attempts() + 1;
		boolean giveUp = permanent || attempts >= MAX_ATTEMPTS;
		Instant next = giveUp ? now : now.plus(BACKOFF.get(Math.min(attempts, BACKOFF.size()) - 1));
		this.jdbc.sql("""
				update mail_message set status = :status, attempts = :attempts, next_attempt_at = :next,
				       last_error = :error
				where id = :id and status = 'sending'
				""")
			.param("status", giveUp ? "failed" : "queued")
			.param("attempts", attempts)
			.param("next", Timestamp.from(next))
			.param("error", error)
			.param("id", message.id())
			.update();
		log.warn("E-mail {} to {} failed (attempt {}{}): {}", message.id(), message.to(), attempts,
				giveUp ? ", giving up" : "", error);
	}

	private static String describe(Exception ex) {
		StringBuilder text = new StringBuilder();
		Throwable t = ex;
		int depth = 0;
		while (t != null && depth++ < 4) {
			if (t.getMessage() != null && !text.toString().contains(t.getMessage())) {
				text.append(text.isEmpty() ? "" : " — ")
					.append(t.getClass().getSimpleName())
					.append(": ")
					.append(t.getMessage());
			}
			t = t.getCause() == t ? null : t.getCause();
		}
		String result = text.isEmpty() ? ex.getClass().getSimpleName() : text.toString();
		return result.length() > 2000 ? result.substring(0, 2000) : result;
	}

	private record Claimed(long id, String to, String subject, String text, @Nullable String html, int attempts,
			@Nullable String unsubscribeUrl) {
	}

}
