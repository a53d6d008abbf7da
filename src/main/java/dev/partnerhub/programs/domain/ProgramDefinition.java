package dev.partnerhub.programs.domain;

import java.math.BigDecimal;
import java.util.List;

import dev.partnerhub.programs.Rate;
import org.jspecify.annotations.Nullable;

/** Everything that defines a program, as the console form and the API both submit it. */
public record ProgramDefinition(String name, String landingUrl, int tiers, String currency, Rate firstTierRate,
		@Nullable Rate secondTierRate, int cookieDays, @Nullable Integer approvalDelayDays, BigDecimal minimumPayout,
		boolean recurringCommissions, @Nullable Integer recurringMonths, @Nullable Long nextLevelProgramId,
		List<ProductRateDefinition> productRates) {

	public ProgramDefinition {
		productRates = productRates == null ? List.of() : List.copyOf(productRates);
	}

	public record ProductRateDefinition(long productId, @Nullable Rate firstTierRate, @Nullable Rate secondTierRate) {
	}

}
