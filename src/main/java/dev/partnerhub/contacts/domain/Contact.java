package dev.partnerhub.contacts.domain;

import java.time.Instant;

import dev.partnerhub.contacts.ContactSummary;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.InsertOnlyProperty;
import org.springframework.data.relational.core.mapping.Table;

@Table("contact")
public class Contact {

	@Id
	private Long id;

	private String email;

	private String firstName = "";

	private String lastName = "";

	@InsertOnlyProperty
	private Instant dateAdded;

	private @Nullable Long firstReferrerId;

	private @Nullable Instant firstReferredAt;

	private @Nullable Long lastReferrerId;

	private @Nullable Instant lastReferredAt;

	// The referral that set each referrer (shown as the attribution trail); null when set
	// by hand.
	private @Nullable String firstReferral;

	private @Nullable String lastReferral;

	@Version
	private Long version;

	protected Contact() {
	}

	public Contact(String email, String firstName, String lastName, Instant dateAdded) {
		this.email = email;
		rename(firstName, lastName);
		this.dateAdded = dateAdded;
	}

	public void rename(@Nullable String firstName, @Nullable String lastName) {
		this.firstName = firstName == null ? "" : firstName.strip();
		this.lastName = lastName == null ? "" : lastName.strip();
	}

	public void changeEmail(String email) {
		this.email = email;
	}

	/**
	 * First referrer is kept once set; the last referrer follows every referral.
	 * @param referral the click token or partner code that named the partner (may be
	 * null)
	 */
	public void referredBy(long partnerId, Instant at, @Nullable String referral) {
		String kept = trail(referral);
		if (this.firstReferrerId == null) {
			this.firstReferrerId = partnerId;
			this.firstReferredAt = at;
			this.firstReferral = kept;
		}
		this.lastReferrerId = partnerId;
		this.lastReferredAt = at;
		this.lastReferral = kept;
	}

	/** A manual change: no referral stands behind it any more. */
	public void assignFirstReferrer(@Nullable Long partnerId, Instant at) {
		this.firstReferrerId = partnerId;
		this.firstReferredAt = partnerId == null ? null : at;
		this.firstReferral = null;
	}

	/** A manual change: no referral stands behind it any more. */
	public void assignLastReferrer(@Nullable Long partnerId, Instant at) {
		this.lastReferrerId = partnerId;
		this.lastReferredAt = partnerId == null ? null : at;
		this.lastReferral = null;
	}

	static @Nullable String trail(@Nullable String referral) {
		if (referral == null || referral.isBlank()) {
			return null;
		}
		String stripped = referral.strip();
		// Resolvers accept at most 200 characters, so this only guards the column.
		return stripped.length() > 200 ? stripped.substring(0, 200) : stripped;
	}

	public ContactSummary summary() {
		return new ContactSummary(this.id, this.email, this.firstName, this.lastName, this.dateAdded,
				this.firstReferrerId, this.firstReferredAt, this.lastReferrerId, this.lastReferredAt);
	}

	public Long getId() {
		return this.id;
	}

	public String getEmail() {
		return this.email;
	}

	public String getFirstName() {
		return this.firstName;
	}

	public String getLastName() {
		return this.lastName;
	}

	public Instant getDateAdded() {
		return this.dateAdded;
	}

	public @Nullable Long getFirstReferrerId() {
		return this.firstReferrerId;
	}

	public @Nullable Instant getFirstReferredAt() {
		return this.firstReferredAt;
	}

	public @Nullable Long getLastReferrerId() {
		return this.lastReferrerId;
	}

	public @Nullable Instant getLastReferredAt() {
		return this.lastReferredAt;
	}

	public @Nullable String getFirstReferral() {
		return this.firstReferral;
	}

	public @Nullable String getLastReferral() {
		return this.lastReferral;
	}

}
