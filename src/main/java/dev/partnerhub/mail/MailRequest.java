package dev.partnerhub.mail;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One templated e-mail to queue. {@code partnerId} (nullable) selects the partner whose
 * merge fields are filled in; {@code fields} adds or overrides fields for this message
 * (e.g. {@code link} for a verification link); {@code dedupeKey} (nullable) makes queuing
 * idempotent: a second request with the same key queues nothing.
 */
public record MailRequest(String templateKey, String to, @Nullable Long partnerId, Map<String, Object> fields,
		@Nullable String dedupeKey, @Nullable MailCategory category, @Nullable String unsubscribeUrl) {

	public MailRequest {
		fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields)); // null
																													// values
																													// allowed
	}

	public MailRequest(String templateKey, String to, @Nullable Long partnerId, Map<String, Object> fields,
			@Nullable String dedupeKey) {
		this(templateKey, to, partnerId, fields, dedupeKey, null, null);
	}

	public static MailRequest of(String templateKey, String to) {
		return new MailRequest(templateKey, to, null, Map.of(), null);
	}

	public MailRequest forPartner(@Nullable Long partnerId) {
		return new MailRequest(this.templateKey, this.to, partnerId, this.fields, this.dedupeKey, this.category,
				this.unsubscribeUrl);
	}

	public MailRequest with(String field, @Nullable Object value) {
		Map<String, Object> more = new LinkedHashMap<>(this.fields);
		more.put(field, value);
		return new MailRequest(this.templateKey, this.to, this.partnerId, more, this.dedupeKey, this.category,
				this.unsubscribeUrl);
	}

	public MailRequest dedupe(String key) {
		return new MailRequest(this.templateKey, this.to, this.partnerId, this.fields, key, this.category,
				this.unsubscribeUrl);
	}

	/**
	 * A non-transactional e-mail of this category: skipped when the partner turned the
	 * category off, and sent with an unsubscribe link and {@code List-Unsubscribe}
	 * headers.
	 */
	public MailRequest category(MailCategory category) {
		return new MailRequest(this.templateKey, this.to, this.partnerId, this.fields, this.dedupeKey, category,
				this.unsubscribeUrl);
	}

	/**
	 * A non-transactional e-mail to someone who is not a partner (a lead): sent with
	 * {@code List-Unsubscribe} headers pointing at {@code url}, whose POST must turn the
	 * e-mails off without a login or CSRF token (RFC 8058).
	 */
	public MailRequest unsubscribeAt(String url) {
		return new MailRequest(this.templateKey, this.to, this.partnerId, this.fields, this.dedupeKey, this.category,
				url);
	}

}
