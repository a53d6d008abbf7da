package dev.partnerhub.mail.domain;

import dev.partnerhub.mail.TemplateImport;

import org.springframework.stereotype.Service;

/** {@link TemplateImport}: a plain insert, no audit. */
@Service
class TemplateImporter implements TemplateImport {

	private final MailTemplateRepository repository;

	TemplateImporter(MailTemplateRepository repository) {
		this.repository = repository;
	}

	@Override
	public boolean importTemplate(String key, String name, String subject, String body) {
		return this.repository.insertIfAbsent(key, name, subject, body, false) == 1;
	}

}
