package dev.partnerhub.tracking.domain;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.contacts.ReferralResolver;
import dev.partnerhub.support.ConflictException;

import org.springframework.stereotype.Service;

/**
 * The opt-in of a visitor on a sales page: create or update the contact by e-mail and apply the referral (a click
 * token or a partner code). Nobody is credited for referring himself.
 */
@Service
public class OptInService {

	private final ContactApi contacts;

	private final List<ReferralResolver> resolvers;

	private final Clock clock;

	OptInService(ContactApi contacts, List<ReferralResolver> resolvers, Optional<Clock> clock) {
		this.contacts = contacts;
		this.resolvers = resolvers;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	public ContactSummary optIn(String email, String firstName, String lastName, String referral) {
		ContactSummary contact;
		try {
			contact = this.contacts.upsert(email, firstName, lastName);
		}
		catch (ConflictException ex) {
			// Two opt-ins of the same e-mail at once: the other one created it, so this one updates it.
			contact = this.contacts.upsert(email, firstName, lastName);
		}
		Optional<ReferralResolver.Referrer> referrer = resolve(referral);
		if (referrer.isPresent() && referrer.get().contactId() != contact.id()) {
			contact = this.contacts.recordReferral(contact.id(), referrer.get().partnerId(), this.clock.instant(),
					referral);
		}
		return contact;
	}

	/** The first resolver that knows the referral wins (click tokens before partner codes). */
	public Optional<ReferralResolver.Referrer> resolve(String referral) {
		if (referral == null || referral.isBlank() || referral.length() > 200) {
			return Optional.empty();
		}
		for (ReferralResolver resolver : this.resolvers) {
			Optional<ReferralResolver.Referrer> found = resolver.resolve(referral.strip());
			if (found.isPresent()) {
				return found;
			}
		}
		return Optional.empty();
	}

}
