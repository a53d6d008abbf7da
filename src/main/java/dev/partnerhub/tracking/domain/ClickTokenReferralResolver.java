package dev.partnerhub.tracking.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import dev.partnerhub.contacts.ReferralResolver;
import dev.partnerhub.partners.PartnerApi;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.programs.ProgramApi;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A click token is a referral while it is genuine, its partner is approved and it is
 * younger than the cookie window of the partner's program. Asked before partner codes
 * ({@code @Order(0)}); knows no codes of its own.
 */
@Component
@Order(0)
class ClickTokenReferralResolver implements ReferralResolver {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
		.withZone(ZoneOffset.UTC);

	private final ClickTokens tokens;

	private final PartnerApi partners;

	private final ProgramApi programs;

	private final Clock clock;

	private final TrackingService clicks;

	private final PromoToolService tools;

	ClickTokenReferralResolver(ClickTokens tokens, PartnerApi partners, ProgramApi programs, TrackingService clicks,
			PromoToolService tools, Clock clock) {
		this.tokens = tokens;
		this.partners = partners;
		this.programs = programs;
		this.clicks = clicks;
		this.tools = tools;
		this.clock = clock;
	}

	@Override
	public Optional<Referrer> resolve(String referral) {
		return click(referral, this.clock.instant()).map(Click::referrer);
	}

	/**
	 * The token's click when it was valid at {@code at}: genuine, not from the future (5
	 * minutes of clock skew allowed), younger than the cookie window of the partner's
	 * program at {@code at}; the partner approved now.
	 */
	@Override
	public Optional<Click> click(String referral, Instant at) {
		if (referral == null) {
			return Optional.empty();
		}
		String token = referral.strip();
		return this.tokens.decode(token)
			.filter(claims -> !claims.clickedAt().isAfter(at.plusSeconds(300)))
			.flatMap(claims -> this.partners.findById(claims.partnerId())
				.filter(partner -> partner.status() == PartnerStatus.APPROVED)
				.filter(partner -> this.programs.findProgram(partner.programId())
					.map(program -> claims.clickedAt().plus(Duration.ofDays(program.cookieDays())).isAfter(at))
					.orElse(false))
				.map(partner -> new Click(new Referrer(partner.id(), partner.contactId(), partner.code()),
						claims.clickedAt(), token)));
	}

	/**
	 * "Click on 2026-11-20 14:03 UTC · promo tool “Spring banner” · SubID newsletter".
	 * Expired tokens and suspended partners are described too: the trail tells what
	 * happened, not who would be credited today. The SubID is known once the click row is
	 * written.
	 */
	@Override
	public Optional<String> describe(String referral) {
		if (referral == null) {
			return Optional.empty();
		}
		return this.clicks.findClick(referral.strip()).map(click -> {
			StringBuilder text = new StringBuilder("Click on ").append(WHEN.format(click.clickedAt())).append(" UTC");
			if (click.promoToolId() != null) {
				text.append(" · promo tool ")
					.append(this.tools.find(click.promoToolId())
						.map(tool -> "“" + tool.getName() + "”")
						.orElse("#" + click.promoToolId() + " (deleted)"));
			}
			if (click.subId() != null) {
				text.append(" · SubID ").append(click.subId());
			}
			return text.toString();
		});
	}

	@Override
	public Optional<String> codeOf(long partnerId) {
		return Optional.empty();
	}

}
