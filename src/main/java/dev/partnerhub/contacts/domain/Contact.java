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

	private Long firstReferrerId;

	private Instant firstReferredAt;

	private Long lastReferrerId;

	private Instant lastReferredAt;

	// The referral that set each referrer (shown as the attribution trail); null when set
	// by hand.
	private String firstReferral;

	private String lastReferral;

	@Version
	private Long version;

	protected Contact() {
	}

	public Contact(String email, String firstName, String lastName, Instant dateAdded) {
		this.email = email;
		rename(firstName, lastName);
		this.dateAdded = dateAdded;
	}

	public void rename(String firstName, String lastName) {
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
	public void referredBy(long partnerId, Instant at, String referral) {
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
	public void assignFirstReferrer(Long partnerId, Instant at) {
		this.firstReferrerId = partnerId;
		this.firstReferredAt = partnerId == null ? null : at;
		this.firstReferral = null;
	}

	/** A manual change: no referral stands behind it any more. */
	public void assignLastReferrer(Long partnerId, Instant at) {
		this.lastReferrerId = partnerId;
		this.lastReferredAt = partnerId == null ? null : at;
		this.lastReferral = null;
	}

	static @Nullable String trail(String referral) {
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

	public Long getFirstReferrerId() {
		return this.firstReferrerId;
	}

	public Instant getFirstReferredAt() {
		return this.firstReferredAt;
	}

	public Long getLastReferrerId() {
		return this.lastReferrerId;
	}

	public Instant getLastReferredAt() {
		return this.lastReferredAt;
	}

	public String getFirstReferral() {
		return this.firstReferral;
	}

	public String getLastReferral() {
		return this.lastReferral;
	}

}
