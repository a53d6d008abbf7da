package dev.partnerhub.programs;

import java.math.BigDecimal;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A partner program as other modules see it. {@code productRates} maps a product id to
 * its override (tiers without an override fall back to the program's default rate).
 */
public record ProgramSummary(long id, String name, String landingUrl, int tiers, String currency, Rate firstTierRate,
		Rate secondTierRate, int cookieDays, @Nullable Integer approvalDelayDays, BigDecimal minimumPayout,
		boolean recurringCommissions, @Nullable Integer recurringMonths, @Nullable Long nextLevelProgramId,
		Map<Long, ProductRate> productRates) {

	public boolean twoTier() {
		return this.tiers == 2;
	}

	/** The rate for a product at a tier (1 or 2), falling back to the program default. */
	public Rate rateFor(long productId, int tier) {
		ProductRate override = this.productRates.get(productId);
		Rate specific = override == null ? null : (tier == 1 ? override.firstTierRate() : override.secondTierRate());
		if (specific != null) {
			return specific;
		}
		return tier == 1 ? this.firstTierRate : this.secondTierRate;
	}

	/** A per-product override; either rate may be null (= program default). */
	public record ProductRate(long productId, @Nullable Rate firstTierRate, @Nullable Rate secondTierRate) {
	}

}
