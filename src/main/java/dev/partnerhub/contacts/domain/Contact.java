package dev.partnerhub.contacts.domain;

import java.time.Instant;

import dev.partnerhub.contacts.ContactSummary;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "contact")
public class Contact {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String email;

	private String firstName = "";

	private String lastName = "";

	@Column(updatable = false)
	private Instant dateAdded;

	private Long firstReferrerId;

	private Instant firstReferredAt;

	private Long lastReferrerId;

	private Instant lastReferredAt;

	@Version
	private long version;

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

	/** First referrer is kept once set; the last referrer follows every referral. */
	public void referredBy(long partnerId, Instant at) {
		if (this.firstReferrerId == null) {
			this.firstReferrerId = partnerId;
			this.firstReferredAt = at;
		}
		this.lastReferrerId = partnerId;
		this.lastReferredAt = at;
	}

	public void assignFirstReferrer(Long partnerId, Instant at) {
		this.firstReferrerId = partnerId;
		this.firstReferredAt = partnerId == null ? null : at;
	}

	public void assignLastReferrer(Long partnerId, Instant at) {
		this.lastReferrerId = partnerId;
		this.lastReferredAt = partnerId == null ? null : at;
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

}
