package dev.partnerhub.contacts.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.partnerhub.accounts.AccountApi;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.contacts.ContactReferred;
import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.contacts.ReferralResolver;
import dev.partnerhub.contacts.ReferralTrail;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
public class ContactService implements ContactApi {

	private final ContactRepository contacts;

	private final ContactSearchQueries search;

	private final AccountApi accounts;

	private final ReferralResolver referrals;

	private final Clock clock;

	private final BuyerUpsert buyers;

	private final PublicContacts publicContacts;

	private final ApplicationEventPublisher events;

	ContactService(ContactRepository contacts, ContactSearchQueries search, AccountApi accounts,
			ReferralResolver referrals, BuyerUpsert buyers, PublicContacts publicContacts, Clock clock,
			ApplicationEventPublisher events) {
		this.events = events;
		this.contacts = contacts;
		this.search = search;
		this.buyers = buyers;
		this.publicContacts = publicContacts;
		this.accounts = accounts;
		this.referrals = referrals;
		this.clock = clock;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<ContactSummary> findById(long id) {
		return this.contacts.findById(id).map(Contact::summary);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<ContactSummary> findByEmail(String email) {
		return email == null ? Optional.empty()
				: this.contacts.findByEmailIgnoreCase(email.strip()).map(Contact::summary);
	}

	@Transactional(readOnly = true)
	public Page<Contact> search(String term, Pageable pageable) {
		return this.search.search(term == null ? "" : term.strip().toLowerCase(Locale.ROOT), pageable);
	}

	/**
	 * One slice of a search, without the count query: exports walk all matches this way.
	 */
	@Transactional(readOnly = true)
	public Slice<ContactSummary> searchSlice(String term, Pageable pageable) {
		return this.search.searchSlice(term == null ? "" : term.strip().toLowerCase(Locale.ROOT), pageable)
			.map(Contact::summary);
	}

	@Transactional(readOnly = true)
	public Contact get(long id) {
		return this.contacts.findById(id).orElseThrow(() -> new NotFoundException("No contact " + id));
	}

	@Override
	public ContactSummary create(String email, String firstName, String lastName) {
		String normalized = normalizeEmail(email);
		if (this.contacts.findByEmailIgnoreCase(normalized).isPresent()) {
			throw new ConflictException("email", "A contact with e-mail " + normalized + " already exists.");
		}
		return saveUnique(new Contact(normalized, firstName, lastName, this.clock.instant())).summary();
	}

	/**
	 * Changes a contact from the console. A new e-mail also renames the contact's login
	 * (same transaction), so a partner keeps logging in with the address the admin sees.
	 */
	public ContactSummary update(long id, String email, String firstName, String lastName) {
		Contact contact = get(id);
		String normalized = normalizeEmail(email);
		this.contacts.findByEmailIgnoreCase(normalized)
			.filter(other -> !other.getId().equals(contact.getId()))
			.ifPresent(other -> {
				throw new ConflictException("email", "A contact with e-mail " + normalized + " already exists.");
			});
		String oldEmail = contact.getEmail();
		if (!oldEmail.equals(normalized) && this.accounts.hasLogin(oldEmail)) {
			// Another login (an admin's, say) may already use the new address; refuse
			// instead of a unique-index 500.
			if (!oldEmail.equalsIgnoreCase(normalized) && this.accounts.hasLogin(normalized)) {
				throw new ConflictException("email", "A login with e-mail " + normalized + " already exists.");
			}
			this.accounts.changeEmail(oldEmail, normalized);
		}
		contact.changeEmail(normalized);
		contact.rename(firstName, lastName);
		return saveUnique(contact).summary();
	}

	/**
	 * A partner confirmed a new login e-mail: his contact follows (partner e-mails go to
	 * the contact's address), unless another contact has that address (then it stays).
	 */
	@org.springframework.context.event.EventListener
	void onLoginEmailChanged(dev.partnerhub.accounts.LoginEmailChanged event) {
		if (event.contactId() == null) {
			return;
		}
		this.contacts.findById(event.contactId()).ifPresent(contact -> {
			String normalized = normalizeEmail(event.newEmail());
			boolean taken = this.contacts.findByEmailIgnoreCase(normalized)
				.filter(other -> !other.getId().equals(contact.getId()))
				.isPresent();
			if (!taken) {
				contact.changeEmail(normalized);
				saveUnique(contact);
			}
		});
	}

	/**
	 * A contact arriving from outside (API, sign-up form): created or updated by e-mail,
	 * and the referral that came with him applied. A referral naming no approved partner,
	 * or the contact's own partner code, is ignored: the contact is still saved, nobody
	 * is credited.
	 */
	public Received receive(String email, String firstName, String lastName, String referral) {
		boolean created = findByEmail(email).isEmpty();
		ContactSummary contact = upsert(email, firstName, lastName);
		Optional<ReferralResolver.Referrer> referrer = this.referrals.resolve(referral)
			.filter(r -> r.contactId() != contact.id());
		if (referrer.isPresent()) {
			if (created) {
				// a new, referred contact from a trusted caller: a lead (commissions may
				// reward it)
				this.events.publishEvent(new ContactReferred(contact.id(), referrer.get().partnerId()));
			}
			return new Received(
					recordReferral(contact.id(), referrer.get().partnerId(), this.clock.instant(), referral), created);
		}
		return new Received(contact, created);
	}

	/**
	 * @param created whether the contact was new (false: an existing one was updated)
	 */
	public record Received(ContactSummary contact, boolean created) {
	}

	@Override
	public ContactSummary upsert(String email, String firstName, String lastName) {
		String normalized = normalizeEmail(email);
		return this.contacts.findByEmailIgnoreCase(normalized).map(existing -> {
			ContactSummary before = existing.summary();
			existing.rename(blankToNull(firstName) == null ? existing.getFirstName() : firstName,
					blankToNull(lastName) == null ? existing.getLastName() : lastName);
			// written only when the name changed, as JPA's dirty checking did
			return existing.summary().equals(before) ? before : this.contacts.save(existing).summary();
		}).orElseGet(() -> saveUnique(new Contact(normalized, firstName, lastName, this.clock.instant())).summary());
	}

	@Override
	public PublicContact receivePublic(String email, String firstName, String lastName, ReferralResolver.Click click) {
		return this.publicContacts.receive(normalizeEmail(email), firstName, lastName, click, this.clock.instant());
	}

	@Override
	public ContactSummary upsertReferred(String email, String firstName, String lastName,
			ReferralResolver.Referrer referrer, Instant at, String referral) {
		return upsertReferredAll(List.of(new ReferredBuyer(email, firstName, lastName, referrer, at, referral))).get(0);
	}

	@Override
	public List<ContactSummary> upsertReferredAll(List<ReferredBuyer> buyers) {
		return this.buyers.upsert(buyers.stream()
			.map(b -> new ReferredBuyer(normalizeEmail(b.email()), b.firstName(), b.lastName(), b.referrer(), b.at(),
					b.referral()))
			.toList(), this.clock.instant());
	}

	/** Without the referral that named him: the trail then reads "set manually". */
	@Override
	public ContactSummary recordReferral(long contactId, long partnerId, Instant at) {
		return recordReferral(contactId, partnerId, at, null);
	}

	@Override
	public ContactSummary recordReferral(long contactId, long partnerId, Instant at, String referral) {
		Contact contact = get(contactId);
		contact.referredBy(partnerId, at, referral);
		return this.contacts.save(contact).summary();
	}

	@Override
	@Transactional(readOnly = true)
	public ReferralTrail referralTrail(long contactId) {
		Contact contact = get(contactId);
		return new ReferralTrail(step(contact.getFirstReferrerId(), contact.getFirstReferral()),
				step(contact.getLastReferrerId(), contact.getLastReferral()));
	}

	/** Null without a referrer; "set manually" when no referral stands behind him. */
	private @Nullable String step(Long referrerId, String referral) {
		if (referrerId == null) {
			return null;
		}
		if (referral == null) {
			return ReferralTrail.SET_MANUALLY;
		}
		return this.referrals.describe(referral).orElse("Referral no longer recognised");
	}

	@Override
	public ContactSummary setFirstReferrer(long contactId, Long partnerId) {
		Contact contact = get(contactId);
		contact.assignFirstReferrer(partnerId, this.clock.instant());
		return this.contacts.save(contact).summary();
	}

	@Override
	public ContactSummary setLastReferrer(long contactId, Long partnerId) {
		Contact contact = get(contactId);
		contact.assignLastReferrer(partnerId, this.clock.instant());
		return this.contacts.save(contact).summary();
	}

	@Override
	@Transactional(readOnly = true)
	public long count() {
		return this.contacts.count();
	}

	/**
	 * The unique index is the final word when two requests create the same e-mail at
	 * once.
	 */
	private Contact saveUnique(Contact contact) {
		try {
			return this.contacts.save(contact);
		}
		catch (DataIntegrityViolationException ex) {
			throw new ConflictException("email", "A contact with e-mail " + contact.getEmail() + " already exists.");
		}
	}

	static String normalizeEmail(String email) {
		if (email == null || email.isBlank()) {
			throw new InvalidInputException("email", "E-mail is required.");
		}
		return email.strip();
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}

}
