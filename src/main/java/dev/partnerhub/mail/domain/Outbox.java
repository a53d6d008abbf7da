package dev.partnerhub.mail.domain;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import dev.partnerhub.mail.MailApi;
import dev.partnerhub.mail.MailRequest;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbox: queuing renders the template now (the values the partner had when it
 * happened, and a body the console can show while no SMTP server is configured) and
 * inserts a row in the caller's transaction.
 */
@Service
@Transactional
public class Outbox implements MailApi {

	private static final Logger log = LoggerFactory.getLogger(Outbox.class);

	private final JdbcClient jdbc;

	private final MailTemplates templates;

	private final MailTemplates.MergeFields fields;

	private final RestrictedTemplates engine;

	private final Clock clock;

	Outbox(JdbcClient jdbc, MailTemplates templates, MailTemplates.MergeFields fields, RestrictedTemplates engine,
			Clock clock) {
		this.jdbc = jdbc;
		this.templates = templates;
		this.fields = fields;
		this.engine = engine;
		this.clock = clock;
	}

	@Override
	@Transactional(readOnly = true)
	public java.util.List<String> templateKeys() {
		return this.templates.all().stream().map(MailTemplate::key).toList();
	}

	@Override
	public String baseUrl() {
		return this.fields.baseUrl();
	}

	@Override
	public boolean queue(MailRequest request) {
		if (request.to() == null || request.to().isBlank() || request.to().length() > 320) {
			throw new InvalidInputException("to", "An e-mail needs a recipient address.");
		}
		if (request.dedupeKey() != null && this.jdbc.sql("select 1 from mail_message where dedupe_key = :key")
			.param("key", request.dedupeKey())
			.query(Integer.class)
			.optional()
			.isPresent()) {
			return false;
		}
		MailTemplate template = this.templates.find(request.templateKey()).orElse(null);
		if (template == null) {
			log.warn("No e-mail template '{}': nothing queued for {}", request.templateKey(), request.to());
			return false;
		}
		Map<String, Object> values = this.fields.fieldsFor(request.partnerId(), request.fields());
		String subject;
		String body;
		String status = "queued";
		String error = null;
		try {
			subject = oneLine(this.engine.render(template.subject(), values));
			body = this.engine.render(template.body(), values);
		}
		catch (RestrictedTemplates.TemplateFailure ex) {
			// kept (and visible in the outbox) instead of failing the sign-up or approval
			// that queued it
			subject = oneLine(template.subject());
			body = "";
			status = "failed";
			error = "Template " + template.key() + " could not be rendered: " + ex.getMessage();
			// an operator's problem (nobody saw this message in an editor), but no fault
			// of the application: WARN
			log.warn("E-mail to {} not sent: {}", request.to(), error);
		}
		return insert(request.to().strip(), subject, body, template.key(), request.partnerId(), status, error,
				request.dedupeKey(), this.clock.instant());
	}

	/**
	 * Puts a message back in the queue: a failed one is retried as it is (attempts start
	 * again), a sent one is copied into a new message so the log keeps what was sent
	 * when.
	 */
	public long resend(long id) {
		OutboxQueries.Message message = this.jdbc.sql("select * from mail_message where id = :id for update")
			.param("id", id)
			.query(OutboxQueries::message)
			.optional()
			.orElseThrow(() -> new NotFoundException("No e-mail " + id));
		Instant now = this.clock.instant();
		if ("failed".equals(message.status())) {
			this.jdbc.sql("""
					update mail_message set status = 'queued', attempts = 0, next_attempt_at = :now where id = :id
					""").param("now", Timestamp.from(now)).param("id", id).update();
			return id;
		}
		if ("sent".equals(message.status())) {
			return this.jdbc.sql("""
					insert into mail_message (to_address, subject, body_text, body_html, template_key, partner_id,
					                          status, next_attempt_at, created_at)
					select to_address, subject, body_text, body_html, template_key, partner_id, 'queued', :now, :now
					from mail_message where id = :id returning id
					""").param("now", Timestamp.from(now)).param("id", id).query(Long.class).single();
		}
		throw new InvalidInputException("status",
				"Only sent or failed e-mails can be sent again; this one is " + message.status() + ".");
	}

	private boolean insert(String to, String subject, String body, String templateKey, Long partnerId, String status,
			String error, String dedupeKey, Instant now) {
		return this.jdbc.sql("""
				insert into mail_message (to_address, subject, body_text, template_key, partner_id, status, last_error,
				                          dedupe_key, next_attempt_at, created_at)
				values (:to, :subject, :body, :template, :partner, :status, :error, :dedupe, :now, :now)
				on conflict (dedupe_key) do nothing
				returning id
				""")
			.param("to", to)
			.param("subject", subject.length() > 500 ? subject.substring(0, 500) : subject)
			.param("body", body)
			.param("template", templateKey)
			.param("partner", partnerId)
			.param("status", status)
			.param("error", error)
			.param("dedupe", dedupeKey)
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.optional()
			.isPresent();
	}

	private static String oneLine(String text) {
		return text.replaceAll("[\\r\\n\\t]+", " ").strip();
	}

}
