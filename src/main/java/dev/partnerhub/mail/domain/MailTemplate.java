package dev.partnerhub.mail.domain;

import java.time.Instant;

/**
 * A console-edited e-mail template; {@code system} ones are used by the application and
 * keep their key.
 */
public record MailTemplate(long id, String key, String name, String subject, String body, boolean system,
		Instant updatedAt) {
}
