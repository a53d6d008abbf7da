package dev.partnerhub.contacts.domain;

import java.util.Objects;
import java.util.Optional;

import dev.partnerhub.contacts.ReferralResolver;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * All referral resolvers as one: a referral may be a click token (tracking) or a partner code (partners). Asks each
 * module's resolver in order and takes the first answer; injection points that want "the" resolver get this one.
 */
@Component
@Primary
class Referrals implements ReferralResolver {

	private final ObjectProvider<ReferralResolver> resolvers;

	Referrals(ObjectProvider<ReferralResolver> resolvers) {
		this.resolvers = resolvers;
	}

	@Override
	public Optional<Referrer> resolve(String referral) {
		return this.resolvers.orderedStream()
			.filter(resolver -> resolver != this)
			.map(resolver -> resolver.resolve(referral))
			.flatMap(Optional::stream)
			.findFirst();
	}

	@Override
	public Optional<String> describe(String referral) {
		if (referral == null || referral.isBlank()) {
			return Optional.empty();
		}
		return this.resolvers.orderedStream()
			.filter(resolver -> resolver != this)
			.map(resolver -> resolver.describe(referral))
			.flatMap(Optional::stream)
			.findFirst();
	}

	@Override
	public Optional<String> codeOf(long partnerId) {
		return this.resolvers.orderedStream()
			.filter(resolver -> resolver != this)
			.map(resolver -> resolver.codeOf(partnerId))
			.flatMap(Optional::stream)
			.filter(Objects::nonNull)
			.findFirst();
	}

}
