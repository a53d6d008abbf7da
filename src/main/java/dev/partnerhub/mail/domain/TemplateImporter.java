package dev.partnerhub.mail.domain;

import dev.partnerhub.mail.TemplateImport;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** {@link TemplateImport}: a plain insert, no audit. */
@Service
class TemplateImporter implements TemplateImport {

	private final JdbcClient jdbc;

	TemplateImporter(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public boolean importTemplate(String key, String name, String subject, String body) {
		return this.jdbc.sql("""
				insert into mail_template (template_key, name, subject, body) values (:key, :name, :subject, :body)
				on conflict (lower(template_key)) do nothing
				""").param("key", key).param("name", name).param("subject", subject).param("body", body).update() == 1;
	}

}
