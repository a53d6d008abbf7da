package dev.partnerhub.programs.web;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramSummary;
import org.jspecify.annotations.Nullable;

/**
 * A program in the API: the request shape plus {@code id}. Money is a two-decimal string;
 * {@code approvalDelayDays} null means manual approval; {@code recurringMonths} null
 * means for the life of the order; {@code nextLevelProgram} is a program name.
 */
record ProgramJson(long id, String name, int tiers, String currency, String landingUrl, RateJson firstTierRate,
		RateJson secondTierRate, int cookieDays, @Nullable Integer approvalDelayDays, String minimumPayout,
		boolean recurringCommissions, @Nullable Integer recurringMonths, List<ProductRateJson> productRates,
		@Nullable String nextLevelProgram, @Nullable String leadReward) {

	/** The lead reward per qualified lead ("5.00"), null when off. */
	ProgramJson withLeadReward(java.math.BigDecimal amount) {
		return new ProgramJson(this.id, this.name, this.tiers, this.currency, this.landingUrl, this.firstTierRate,
				this.secondTierRate, this.cookieDays, this.approvalDelayDays, this.minimumPayout,
				this.recurringCommissions, this.recurringMonths, this.productRates, this.nextLevelProgram,
				Rates.formatMoney(amount));
	}

	/**
	 * {@code products} and {@code programs} resolve the ids the summary holds to SKUs and
	 * names.
	 */
	static ProgramJson of(ProgramSummary p, Function<Long, ProductSummary> products,
			Function<Long, ProgramSummary> programs) {
		List<ProductRateJson> rates = p.productRates()
			.values()
			.stream()
			.map(r -> new ProductRateJson(products.apply(r.productId()).sku(), RateJson.of(r.firstTierRate()),
					RateJson.of(r.secondTierRate())))
			.sorted(Comparator.comparing(ProductRateJson::sku, String.CASE_INSENSITIVE_ORDER))
			.toList();
		String nextLevel = p.nextLevelProgramId() == null ? null : programs.apply(p.nextLevelProgramId()).name();
		return new ProgramJson(p.id(), p.name(), p.tiers(), p.currency(), p.landingUrl(),
				RateJson.of(p.firstTierRate()), RateJson.of(p.secondTierRate()), p.cookieDays(), p.approvalDelayDays(),
				Rates.formatMoney(p.minimumPayout()), p.recurringCommissions(), p.recurringMonths(), rates, nextLevel,
				null);
	}

	/** A per-product override; a null rate means the program's default for that tier. */
	record ProductRateJson(String sku, @Nullable RateJson firstTierRate, @Nullable RateJson secondTierRate) {
	}

}
