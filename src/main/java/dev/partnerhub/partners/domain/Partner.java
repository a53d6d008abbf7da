package dev.partnerhub.partners.domain;

import java.time.Instant;

import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.InsertOnlyProperty;
import org.springframework.data.relational.core.mapping.Table;

/** A contact enrolled in exactly one partner program. */
@Table("partner")
public class Partner {

	@Id
	private Long id;

	@InsertOnlyProperty
	private long contactId;

	private long programId;

	private String code;

	private String status;

	private @Nullable Long parentId;

	private @Nullable String payoutEmail;

	@InsertOnlyProperty
	private Instant createdAt;

	private @Nullable Instant approvedAt;

	@Version
	private Long version;

	protected Partner() {
	}

	public Partner(long contactId, long programId, String code, PartnerStatus status, @Nullable Long parentId,
			@Nullable String payoutEmail, Instant now) {
		this.contactId = contactId;
		this.programId = programId;
		this.code = code;
		this.parentId = parentId;
		this.payoutEmail = payoutEmail;
		this.createdAt = now;
		changeStatus(status, now);
	}

	public void changeStatus(PartnerStatus status, Instant now) {
		if (status == PartnerStatus.APPROVED && this.approvedAt == null) {
			this.approvedAt = now;
		}
		this.status = status.value();
	}

	public void moveToProgram(long programId) {
		this.programId = programId;
	}

	public void changeCode(String code) {
		this.code = code;
	}

	public void changeParent(@Nullable Long parentId) {
		this.parentId = parentId;
	}

	public void changePayoutEmail(@Nullable String payoutEmail) {
		this.payoutEmail = payoutEmail;
	}

	public PartnerSummary summary() {
		return new PartnerSummary(this.id, this.contactId, this.programId, this.code, getStatus(), this.parentId,
				this.payoutEmail, this.createdAt);
	}

	public Long getId() {
		return this.id;
	}

	public long getContactId() {
		return this.contactId;
	}

	public long getProgramId() {
		return this.programId;
	}

	public String getCode() {
		return this.code;
	}

	public PartnerStatus getStatus() {
		return PartnerStatus.of(this.status);
	}

	public @Nullable Long getParentId() {
		return this.parentId;
	}

	public @Nullable String getPayoutEmail() {
		return this.payoutEmail;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public @Nullable Instant getApprovedAt() {
		return this.approvedAt;
	}

}
