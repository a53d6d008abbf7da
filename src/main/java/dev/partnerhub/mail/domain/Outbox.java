package dev.partnerhub.mail.domain;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import dev.partnerhub.mail.MailApi;
import dev.partnerhub.mail.MailCategory;
import dev.partnerhub.mail.MailRequest;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import dev.partnerhub.support.merge.MergeText;
import org.jspecify.annotations.Nullable;
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

	private final Clock clock;

	private final MailPreferences preferences;

	Outbox(JdbcClient jdbc, MailTemplates templates, MailTemplates.MergeFields fields, Clock clock,
			MailPreferences preferences) {
		this.preferences = preferences;
		this.jdbc = jdbc;
		this.templates = templates;
		this.fields = fields;
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
		if (!mayQueue(request.to(), request.partnerId(), request.category(), request.dedupeKey())) {
			return false;
		}
		MailTemplate template = this.templates.find(request.templateKey()).orElse(null);
		if (template == null) {
			log.warn("No e-mail template '{}': nothing queued for {}", request.templateKey(), request.to());
			return false;
		}
		return renderAndInsert(request.to(), request.partnerId(), template.subject(), template.body(), template.key(),
				request.fields(), request.category(), request.dedupeKey(), request.unsubscribeUrl());
	}

	@Override
	public boolean queueWritten(String to, long partnerId, String subject, String body, MailCategory category,
			String dedupeKey) {
		if (!mayQueue(to, partnerId, category, dedupeKey)) {
			return false;
		}
		return renderAndInsert(to, partnerId, subject, body, null, Map.of(), category, dedupeKey, null);
	}

	@Override
	public void checkWritten(String subject, String body) {
		if (subject == null || subject.isBlank() || subject.strip().length() > 500) {
			throw new InvalidInputException("subject", "A subject of 1 to 500 characters is required.");
		}
		if (body == null || body.isBlank()) {
			throw new InvalidInputException("body", "The body is required.");
		}
		if (body.length() > 100_000) {
			throw new InvalidInputException("body", "The body is longer than 100,000 characters.");
		}
		// a message written for this one occasion goes to partners: only their fields
		java.util.Set<String> known = this.fields.describe().keySet();
		MailTemplates.checkField("subject", subject, known);
		MailTemplates.checkField("body", body, known);
	}

	@Override
	@Transactional(readOnly = true)
	public Rendered render(String subject, String body, long partnerId) {
		Map<String, Object> values = this.fields.fieldsFor(partnerId, Map.of());
		return new Rendered(oneLine(renderField("subject", subject, values)), renderField("body", body, values));
	}

	@Override
	@Transactional(readOnly = true)
	public Map<String, String> statusByDedupeKey(java.util.Collection<String> dedupeKeys) {
		if (dedupeKeys.isEmpty()) {
			return Map.of();
		}
		Map<String, String> statuses = new java.util.HashMap<>();
		this.jdbc.sql("select dedupe_key, status from mail_message where dedupe_key = any(:keys)")
			.param("keys", new org.springframework.jdbc.support.SqlArrayValue("varchar", dedupeKeys.toArray()))
			.query((rs, n) -> statuses.put(rs.getString("dedupe_key"), rs.getString("status")))
			.list();
		return statuses;
	}

	@Override
	@Transactional(readOnly = true)
	public java.util.Optional<Rendered> templateText(String key) {
		return this.templates.find(key).map(t -> new Rendered(t.subject(), t.body()));
	}

	@Override
	public Map<String, String> fieldDescriptions() {
		return this.fields.describe();
	}

	@Override
	public boolean subscribed(long partnerId, MailCategory category) {
		return this.preferences.subscribed(partnerId, category);
	}

	@Override
	public Map<MailCategory, Boolean> preferences(long partnerId) {
		return this.preferences.all(partnerId);
	}

	@Override
	public boolean digest(long partnerId, MailCategory category) {
		return this.preferences.digest(partnerId, category);
	}

	@Override
	public void setDigest(long partnerId, MailCategory category, boolean digest) {
		this.preferences.setDigest(partnerId, category, digest);
	}

	@Override
	public void setPreferences(long partnerId, Map<MailCategory, Boolean> choices) {
		choices.forEach((category, subscribed) -> this.preferences.set(partnerId, category, subscribed));
	}

	private boolean mayQueue(String to, Long partnerId, MailCategory category, String dedupeKey) {
		if (to == null || to.isBlank() || to.length() > 320) {
			throw new InvalidInputException("to", "An e-mail needs a recipient address.");
		}
		if (dedupeKey != null && this.jdbc.sql("select 1 from mail_message where dedupe_key = :key")
			.param("key", dedupeKey)
			.query(Integer.class)
			.optional()
			.isPresent()) {
			return false;
		}
		return category == null || partnerId == null || this.preferences.subscribed(partnerId, category);
	}

	private boolean renderAndInsert(String to, Long partnerId, String subjectTemplate, String bodyTemplate,
			String templateKey, Map<String, Object> extra, MailCategory category, String dedupeKey,
			@Nullable String leadUnsubscribeUrl) {
		Map<String, Object> values = this.fields.fieldsFor(partnerId, extra);
		String subject;
		String body;
		String status = "queued";
		String error = null;
		try {
			subject = oneLine(MergeText.render(subjectTemplate, values, false));
			body = MergeText.render(bodyTemplate, values, false);
		}
		catch (MergeText.Failure ex) {
			// kept (and visible in the outbox) instead of failing the sign-up or approval
			// that queued it
			subject = oneLine(subjectTemplate);
			body = "";
			status = "failed";
			error = (templateKey == null ? "The e-mail" : "Template " + templateKey) + " could not be rendered: "
					+ ex.getMessage();
			// an operator's problem (nobody saw this message in an editor), but no fault
			// of the application: WARN
			log.warn("E-mail to {} not sent: {}", to, error);
		}
		// a lead's own link (the template prints it), else a partner's category link
		String unsubscribeUrl = leadUnsubscribeUrl;
		if (unsubscribeUrl == null && category != null && partnerId != null) {
			unsubscribeUrl = this.fields.baseUrl() + "/mail/unsubscribe/" + this.preferences.token(partnerId, category);
			body = body.stripTrailing() + "\n\n--\nYou get this e-mail because of your partner account ("
					+ category.label().toLowerCase(java.util.Locale.ROOT) + ").\nUnsubscribe: " + unsubscribeUrl
					+ "\nChoose which e-mails you get: " + this.fields.baseUrl() + "/partner/settings\n";
		}
		return insert(to.strip(), subject, body, templateKey, partnerId, status, error, dedupeKey, this.clock.instant(),
				category, unsubscribeUrl);
	}

	private String renderField(String field, String template, Map<String, Object> values) {
		try {
			return MergeText.render(template, values, false);
		}
		catch (MergeText.Failure ex) {
			throw new InvalidInputException(field, ex.getMessage());
		}
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
					                          status, next_attempt_at, created_at, category, unsubscribe_url)
					select to_address, subject, body_text, body_html, template_key, partner_id, 'queued', :now, :now,
					       category, unsubscribe_url
					from mail_message where id = :id returning id
					""").param("now", Timestamp.from(now)).param("id", id).query(Long.class).single();
		}
		throw new InvalidInputException("status",
				"Only sent or failed e-mails can be sent again; this one is " + message.status() + ".");
	}

	private boolean insert(String to, String subject, String body, String templateKey, Long partnerId, String status,
			String error, String dedupeKey, Instant now, MailCategory category, String unsubscribeUrl) {
		return this.jdbc.sql("""
				insert into mail_message (to_address, subject, body_text, template_key, partner_id, status, last_error,
				                          dedupe_key, next_attempt_at, created_at, category, unsubscribe_url)
				values (:to, :subject, :body, :template, :partner, :status, :error, :dedupe, :now, :now,
				        :category, :unsubscribe)
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
			.param("category", category == null ? null : category.key())
			.param("unsubscribe", unsubscribeUrl)
			.query(Long.class)
			.optional()
			.isPresent();
	}

	private static String oneLine(String text) {
		return text.replaceAll("[\\r\\n\\t]+", " ").strip();
	}

}
