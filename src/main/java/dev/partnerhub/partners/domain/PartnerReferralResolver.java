package dev.partnerhub.partners.domain;

import java.util.Optional;

import dev.partnerhub.contacts.ReferralResolver;
import dev.partnerhub.partners.PartnerStatus;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** A partner code is a referral; only approved partners earn credit. */
@Component
@Transactional(readOnly = true)
class PartnerReferralResolver implements ReferralResolver {

	private final PartnerRepository partners;

	private final PartnerLookups lookups;

	PartnerReferralResolver(PartnerRepository partners, PartnerLookups lookups) {
		this.partners = partners;
		this.lookups = lookups;
	}

	@Override
	public Optional<Referrer> resolve(String referral) {
		if (referral == null || referral.isBlank() || referral.length() > 200) {
			return Optional.empty();
		}
		// on every order: plain SQL, no entity
		return this.lookups.byCode(referral.strip())
			.filter(p -> p.status() == PartnerStatus.APPROVED)
			.map(p -> new Referrer(p.id(), p.contactId(), p.code()));
	}

	@Override
	public Optional<String> describe(String referral) {
		if (referral == null || referral.isBlank() || referral.length() > 200) {
			return Optional.empty();
		}
		return this.partners.findByCodeIgnoreCase(referral.strip()).map(p -> "Partner code " + p.getCode());
	}

	@Override
	public Optional<String> codeOf(long partnerId) {
		return this.partners.findById(partnerId).map(Partner::getCode);
	}

}
