package dev.partnerhub.accounts.domain;

import java.time.Instant;

import dev.partnerhub.accounts.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "user_account")
public class UserAccount {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String email;

	private String passwordHash;

	@Enumerated(EnumType.STRING)
	private Role role;

	private Long contactId;

	private boolean enabled = true;

	/** False for a self-registered partner until he clicks the link in the verification e-mail. */
	private boolean emailVerified = true;

	@Column(updatable = false)
	private Instant createdAt;

	@Version
	private long version;

	protected UserAccount() {
	}

	public UserAccount(String email, String passwordHash, Role role, Long contactId, Instant createdAt) {
		this.email = email;
		this.passwordHash = passwordHash;
		this.role = role;
		this.contactId = contactId;
		this.createdAt = createdAt;
	}

	public void changePasswordHash(String passwordHash) {
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

	public Long getId() {
		return this.id;
	}

	public String getEmail() {
		return this.email;
	}

	public String getPasswordHash() {
		return this.passwordHash;
	}

	public Role getRole() {
		return this.role;
	}

	public Long getContactId() {
		return this.contactId;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

}
