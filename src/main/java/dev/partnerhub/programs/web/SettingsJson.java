package dev.partnerhub.programs.web;

import dev.partnerhub.programs.PartnerSettings;
import org.jspecify.annotations.Nullable;

/**
 * The global partner settings in the API; {@code defaultApprovalDelayDays} null means
 * manual approval.
 */
record SettingsJson(String credit, String defaultCurrency, RateJson defaultFirstTierRate,
		RateJson defaultSecondTierRate, int defaultCookieDays, @Nullable Integer defaultApprovalDelayDays,
		String defaultMinimumPayout, String payoutSchedule, int payoutDay) {

	static SettingsJson of(PartnerSettings s) {
		return new SettingsJson(s.credit().value(), s.defaultCurrency(), RateJson.of(s.defaultFirstTierRate()),
				RateJson.of(s.defaultSecondTierRate()), s.defaultCookieDays(), s.defaultApprovalDelayDays(),
				Rates.formatMoney(s.defaultMinimumPayout()), s.payoutSchedule(), s.payoutDay());
	}

}
