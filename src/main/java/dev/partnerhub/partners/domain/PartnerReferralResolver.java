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

	PartnerReferralResolver(PartnerRepository partners) {
		this.partners = partners;
	}

	@Override
	public Optional<Referrer> resolve(String referral) {
		if (referral == null || referral.isBlank() || referral.length() > 200) {
			return Optional.empty();
		}
		return this.partners.findByCodeIgnoreCase(referral.strip())
			.filter(p -> p.getStatus() == PartnerStatus.APPROVED)
			.map(p -> new Referrer(p.getId(), p.getContactId(), p.getCode()));
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
