package dev.partnerhub.accounts.domain;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

@Table("api_key")
public class ApiKey {

	@Id
	private @Nullable Long id;

	private String name;

	private String prefix;

	private String tokenHash;

	private Instant createdAt;

	private @Nullable String createdBy;

	private @Nullable Instant lastUsedAt;

	private @Nullable Instant revokedAt;

	protected ApiKey() {
	}

	ApiKey(String name, String prefix, String tokenHash, Instant createdAt, @Nullable String createdBy) {
		this.name = name;
		this.prefix = prefix;
		this.tokenHash = tokenHash;
		this.createdAt = createdAt;
		this.createdBy = createdBy;
	}

	void revoke(Instant at) {
		if (this.revokedAt == null) {
			this.revokedAt = at;
		}
	}

	public boolean isActive() {
		return this.revokedAt == null;
	}

	public @Nullable Long getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

	public String getPrefix() {
		return this.prefix;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public @Nullable String getCreatedBy() {
		return this.createdBy;
	}

	public @Nullable Instant getLastUsedAt() {
		return this.lastUsedAt;
	}

	public @Nullable Instant getRevokedAt() {
		return this.revokedAt;
	}

}
