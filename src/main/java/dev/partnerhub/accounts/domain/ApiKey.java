package dev.partnerhub.accounts.domain;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

@Table("api_key")
public class ApiKey {

	@Id
	private Long id;

	private String name;

	private String prefix;

	private String tokenHash;

	private Instant createdAt;

	private String createdBy;

	private Instant lastUsedAt;

	private Instant revokedAt;

	protected ApiKey() {
	}

	ApiKey(String name, String prefix, String tokenHash, Instant createdAt, String createdBy) {
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

	public Long getId() {
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

	public String getCreatedBy() {
		return this.createdBy;
	}

	public Instant getLastUsedAt() {
		return this.lastUsedAt;
	}

	public Instant getRevokedAt() {
		return this.revokedAt;
	}

}
