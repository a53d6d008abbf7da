package dev.partnerhub.contacts.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import dev.partnerhub.contacts.ReferralResolver;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * All referral resolvers as one: a referral may be a click token (tracking) or a partner
 * code (partners). Asks each module's resolver in order and takes the first answer;
 * injection points that want "the" resolver get this one.
 */
@Component
@Primary
class Referrals implements ReferralResolver {

	private final ObjectProvider<ReferralResolver> provider;

	// Looked up once on first use (the resolvers depend on modules that depend on this
	// one), not on every order.
	private volatile List<ReferralResolver> resolvers;

	Referrals(ObjectProvider<ReferralResolver> provider) {
		this.provider = provider;
	}

	private Stream<ReferralResolver> others() {
		List<ReferralResolver> found = this.resolvers;
		if (found == null) {
			found = this.provider.orderedStream().filter(resolver -> resolver != this).toList();
			this.resolvers = found;
		}
		return found.stream();
	}

	@Override
	public Optional<Referrer> resolve(String referral) {
		return others().map(resolver -> resolver.resolve(referral)).flatMap(Optional::stream).findFirst();
	}

	@Override
	public Optional<Click> click(String referral, Instant at) {
		if (referral == null || referral.isBlank()) {
			return Optional.empty();
		}
		return others().map(resolver -> resolver.click(referral, at)).flatMap(Optional::stream).findFirst();
	}

	@Override
	public Optional<String> describe(String referral) {
		if (referral == null || referral.isBlank()) {
			return Optional.empty();
		}
		return others().map(resolver -> resolver.describe(referral)).flatMap(Optional::stream).findFirst();
	}

	@Override
	public Optional<String> codeOf(long partnerId) {
		return others().map(resolver -> resolver.codeOf(partnerId))
			.flatMap(Optional::stream)
			.filter(Objects::nonNull)
			.findFirst();
	}

}
