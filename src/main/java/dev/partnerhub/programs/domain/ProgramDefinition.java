package dev.partnerhub.programs.domain;

import java.math.BigDecimal;
import java.util.List;

import dev.partnerhub.programs.Rate;

/** Everything that defines a program, as the console form and the API both submit it. */
public record ProgramDefinition(String name, String landingUrl, int tiers, String currency, Rate firstTierRate,
		Rate secondTierRate, int cookieDays, Integer approvalDelayDays, BigDecimal minimumPayout,
		boolean recurringCommissions, Integer recurringMonths, Long nextLevelProgramId,
		List<ProductRateDefinition> productRates) {

	public ProgramDefinition {
		productRates = productRates == null ? List.of() : List.copyOf(productRates);
	}

	public record ProductRateDefinition(long productId, Rate firstTierRate, Rate secondTierRate) {
	}

}
