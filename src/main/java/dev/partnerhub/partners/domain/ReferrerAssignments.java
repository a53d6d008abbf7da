package dev.partnerhub.partners.domain;

import java.util.Objects;

import dev.partnerhub.audit.Actor;
import dev.partnerhub.audit.AuditEntry;
import dev.partnerhub.audit.AuditLog;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The console's manual changes of a contact's first and last referrer (the Referral info
 * tab), audited with the partners' codes.
 */
@Service
@Transactional
public class ReferrerAssignments {

	private final PartnerRepository partners;

	private final ContactApi contacts;

	private final AuditLog audit;

	ReferrerAssignments(PartnerRepository partners, ContactApi contacts, AuditLog audit) {
		this.partners = partners;
		this.contacts = contacts;
		this.audit = audit;
	}

	/**
	 * Manual change of a contact's first referrer from the console; a blank code clears
	 * it.
	 */
	public ContactSummary assignFirst(long contactId, String code) {
		Long before = this.contacts.findById(contactId).map(ContactSummary::firstReferrerId).orElse(null);
		ContactSummary changed = this.contacts.setFirstReferrer(contactId,
				referrerFor(contactId, code, "firstReferrer"));
		recordReferrer("contact.first_referrer", changed, before, changed.firstReferrerId());
		return changed;
	}

	/**
	 * Manual change of a contact's last referrer from the console; a blank code clears
	 * it.
	 */
	public ContactSummary assignLast(long contactId, String code) {
		Long before = this.contacts.findById(contactId).map(ContactSummary::lastReferrerId).orElse(null);
		ContactSummary changed = this.contacts.setLastReferrer(contactId, referrerFor(contactId, code, "lastReferrer"));
		recordReferrer("contact.last_referrer", changed, before, changed.lastReferrerId());
		return changed;
	}

	private @Nullable Long referrerFor(long contactId, String code, String field) {
		if (this.contacts.findById(contactId).isEmpty()) {
			throw new NotFoundException("No contact " + contactId);
		}
		if (PartnerChecks.blank(code)) {
			return null;
		}
		Partner referrer = this.partners.findByCodeIgnoreCase(code.strip())
			.orElseThrow(() -> new InvalidInputException(field, "No partner has the code " + code.strip() + "."));
		if (referrer.getContactId() == contactId) {
			throw new InvalidInputException(field, "A partner cannot be their own referrer.");
		}
		return referrer.getId();
	}

	private void recordReferrer(String action, ContactSummary contact, Long before, Long after) {
		if (!Objects.equals(before, after)) {
			this.audit.record(AuditEntry
				.of(Actor.current(), action, "contact", contact.id(), partnerCode(before), partnerCode(after))
				.withDetail(contact.email()));
		}
	}

	private @Nullable String partnerCode(@Nullable Long partnerId) {
		return partnerId == null ? null
				: this.partners.findById(partnerId).map(Partner::getCode).orElse("#" + partnerId);
	}

}
