package dev.partnerhub.tracking.domain;

import dev.partnerhub.tracking.ContactOptedIn;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.partnerhub.commissions.CommissionApi;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.contacts.ReferralResolver;

import org.springframework.stereotype.Service;

/**
 * The opt-in of a visitor on a sales page (a public form anyone may post): create the
 * contact, or leave an existing one as he is, and apply the referral only when it is a
 * genuine click token (see {@link ContactApi#receivePublic}). Nobody is credited for
 * referring himself.
 */
@Service
public class OptInService {

	private final ContactApi contacts;

	private final List<ReferralResolver> resolvers;

	private final ReferralResolver referrals;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final CommissionApi commissions;

	OptInService(ContactApi contacts, List<ReferralResolver> resolvers, ReferralResolver referrals, Clock clock,
			ApplicationEventPublisher events, CommissionApi commissions) {
		this.commissions = commissions;
		this.events = events;
		this.contacts = contacts;
		this.resolvers = resolvers;
		this.referrals = referrals;
		this.clock = clock;
	}

	public ContactSummary optIn(String email, String firstName, String lastName, String referral) {
		return optIn(email, firstName, lastName, referral, null);
	}

	/**
	 * As {@link #optIn(String, String, String, String)} for a program named by the form:
	 * publishes {@link ContactOptedIn} (lead sequences enrol him) with the contact.
	 */
	@Transactional
	public ContactSummary optIn(String email, String firstName, String lastName, String referral,
			@Nullable Long programId) {
		return optIn(email, firstName, lastName, referral, programId, this.clock.instant()).contact();
	}

	/** The opted-in contact; {@code created}: he did not exist before. */
	public record OptIn(ContactSummary contact, boolean created, boolean referred) {
	}

	/**
	 * The opt-in of a confirmed address ({@link OptInRequests#confirm}), the referral
	 * judged as of {@code requestedAt} (when the form was posted with it).
	 */
	@Transactional
	public OptIn optIn(String email, String firstName, String lastName, @Nullable String referral,
			@Nullable Long programId, Instant requestedAt) {
		Optional<ReferralResolver.Click> click = referral == null || referral.length() > 200 ? Optional.empty()
				: this.referrals.click(referral, requestedAt);
		ContactApi.PublicContact received = this.contacts.receivePublic(email, firstName, lastName, click.orElse(null));
		ContactSummary contact = received.contact();
		if (programId != null) {
			this.events.publishEvent(new ContactOptedIn(contact.id(), programId));
			// A qualified lead: new (did not exist before this opt-in) and referred by a
			// genuine click. Once per contact (a unique index), however many confirm.
			if (received.created() && received.referred() && click.isPresent()) {
				this.commissions.rewardLead(contact.id(), click.get().referrer().partnerId(), programId);
			}
		}
		return new OptIn(contact, received.created(), received.referred());
	}

	/**
	 * The first resolver that knows the referral wins (click tokens before partner
	 * codes).
	 */
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
