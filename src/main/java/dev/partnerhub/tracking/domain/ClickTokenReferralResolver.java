package dev.partnerhub.tracking.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.partnerhub.contacts.ReferralResolver;
import dev.partnerhub.partners.PartnerApi;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.programs.ProgramApi;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A click token is a referral while it is genuine, its partner is approved and it is younger than the cookie window
 * of the partner's program. Asked before partner codes ({@code @Order(0)}); knows no codes of its own.
 */
@Component
@Order(0)
class ClickTokenReferralResolver implements ReferralResolver {

	private final ClickTokens tokens;

	private final PartnerApi partners;

	private final ProgramApi programs;

	private final Clock clock;

	ClickTokenReferralResolver(ClickTokens tokens, PartnerApi partners, ProgramApi programs, Optional<Clock> clock) {
		this.tokens = tokens;
		this.partners = partners;
		this.programs = programs;
		this.clock = clock.orElse(Clock.systemUTC());
	}

	@Override
	public Optional<Referrer> resolve(String referral) {
		if (referral == null) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		return this.tokens.decode(referral.strip())
			.filter(claims -> !claims.clickedAt().isAfter(now.plusSeconds(300)))
			.flatMap(claims -> this.partners.findById(claims.partnerId())
				.filter(partner -> partner.status() == PartnerStatus.APPROVED)
				.filter(partner -> this.programs.findProgram(partner.programId())
					.map(program -> claims.clickedAt().plus(Duration.ofDays(program.cookieDays())).isAfter(now))
					.orElse(false))
				.map(partner -> new Referrer(partner.id(), partner.contactId(), partner.code())));
	}

	@Override
	public Optional<String> codeOf(long partnerId) {
		return Optional.empty();
	}

}
