package dev.partnerhub.programs;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * Global partner settings: who gets the credit, the defaults a new program starts from,
 * and the payout schedule shown to partners ({@code weekly} on ISO day 1-7, or
 * {@code monthly} on day 1-28).
 */
public record PartnerSettings(Credit credit, String defaultCurrency, Rate defaultFirstTierRate,
		Rate defaultSecondTierRate, int defaultCookieDays, @Nullable Integer defaultApprovalDelayDays,
		BigDecimal defaultMinimumPayout, String payoutSchedule, int payoutDay) {
}
