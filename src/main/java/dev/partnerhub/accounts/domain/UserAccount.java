package dev.partnerhub.accounts.domain;

import java.time.Instant;

import dev.partnerhub.accounts.Role;
import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.InsertOnlyProperty;
import org.springframework.data.relational.core.mapping.Table;

@Table("user_account")
public class UserAccount {

	@Id
	private @Nullable Long id;

	private String email;

	/** Null for an invited user or partner who has not chosen a password yet. */
	private @Nullable String passwordHash;

	private Role role;

	/** The partner's contact; null for team members. */
	private @Nullable Long contactId;

	private boolean enabled = true;

	/**
	 * False for a self-registered partner until he clicks the link in the verification
	 * e-mail.
	 */
	private boolean emailVerified = true;

	@InsertOnlyProperty
	private Instant createdAt;

	@Version
	private @Nullable Long version;

	protected UserAccount() {
	}

	public UserAccount(String email, @Nullable String passwordHash, Role role, @Nullable Long contactId,
			Instant createdAt) {
		this.email = email;
		this.passwordHash = passwordHash;
		this.role = role;
		this.contactId = contactId;
		this.createdAt = createdAt;
	}

	public void changePasswordHash(@Nullable String passwordHash) {
		this.passwordHash = passwordHash;
	}

	public void changeEmail(String email) {
		this.email = email;
	}

	public void markEmailUnverified() {
		this.emailVerified = false;
	}

	public void markEmailVerified() {
		this.emailVerified = true;
	}

	public boolean isEmailVerified() {
		return this.emailVerified;
	}

	public @Nullable Long getId() {
		return this.id;
	}

	public String getEmail() {
		return this.email;
	}

	public @Nullable String getPasswordHash() {
		return this.passwordHash;
	}

	public Role getRole() {
		return this.role;
	}

	public @Nullable Long getContactId() {
		return this.contactId;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

}
