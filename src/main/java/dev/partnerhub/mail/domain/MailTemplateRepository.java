package dev.partnerhub.mail.domain;

import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;
import org.springframework.data.repository.query.Param;

interface MailTemplateRepository
		extends ListCrudRepository<MailTemplate, Long>, ListPagingAndSortingRepository<MailTemplate, Long> {

	/** The template with this key in any case (the {@code lower(template_key)} index). */
	@Query("select * from mail_template where lower(template_key) = lower(:key)")
	Optional<MailTemplate> findByKeyIgnoreCase(@Param("key") String key);

	/**
	 * A template (imported, or one of the application's own: {@code system}) unless one
	 * with this key in any case exists, whose edits are kept; a concurrent writer waits,
	 * then skips. 1 when inserted.
	 */
	@Modifying
	@Query("""
			insert into mail_template (template_key, name, subject, body, system)
			values (:key, :name, :subject, :body, :system)
			on conflict (lower(template_key)) do nothing""")
	int insertIfAbsent(@Param("key") String key, @Param("name") String name, @Param("subject") String subject,
			@Param("body") String body, @Param("system") boolean system);

}
