package dev.partnerhub.mail.domain;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Column;
import org.springframework.data.relational.core.mapping.InsertOnlyProperty;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A console-edited e-mail template (an aggregate of its own row); {@code system} ones are
 * used by the application and keep their key. Accessors are named like a record's, which
 * the console pages and callers use.
 */
@Table("mail_template")
public class MailTemplate {

	@Id
	private @Nullable Long id;

	@Column("template_key")
	private String key;

	private String name;

	private String subject;

	private String body;

	// set only by the default templates' SQL: never changed through the aggregate
	@InsertOnlyProperty
	private boolean system;

	private Instant updatedAt;

	@Version
	private @Nullable Long version;

	MailTemplate(String key, String name, String subject, String body, Instant updatedAt) {
		this.key = key;
		this.name = name;
		this.subject = subject;
		this.body = body;
		this.updatedAt = updatedAt;
	}

	void edit(String key, String name, String subject, String body, Instant now) {
		this.key = key;
		this.name = name;
		this.subject = subject;
		this.body = body;
		this.updatedAt = now;
	}

	/**
	 * The version the editor's form was loaded with: a save then fails when someone saved
	 * in between.
	 */
	void expectVersion(@Nullable Long version) {
		if (version != null) {
			this.version = version;
		}
	}

	/** Null only before the first save. */
	public @Nullable Long id() {
		return this.id;
	}

	public String key() {
		return this.key;
	}

	public String name() {
		return this.name;
	}

	public String subject() {
		return this.subject;
	}

	public String body() {
		return this.body;
	}

	public boolean system() {
		return this.system;
	}

	public Instant updatedAt() {
		return this.updatedAt;
	}

	/** Null only before the first save. */
	public @Nullable Long version() {
		return this.version;
	}

}
