package dev.partnerhub.programs.domain;

import java.math.BigDecimal;

import dev.partnerhub.programs.Credit;
import dev.partnerhub.programs.PartnerSettings;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.RateType;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Column;
import org.springframework.data.relational.core.mapping.Table;

/** The single row of partner_settings. */
@Table("partner_settings")
public class GlobalSettings {

	@Id
	private Short id;

	private String credit;

	private String defaultCurrency;

	private String defaultFirstTierRateType;

	@Column("default_first_tier_rate")
	private BigDecimal defaultFirstTierRateValue;

	private String defaultSecondTierRateType;

	@Column("default_second_tier_rate")
	private BigDecimal defaultSecondTierRateValue;

	private int defaultCookieDays;

	private @Nullable Integer defaultApprovalDelayDays;

	private BigDecimal defaultMinimumPayout;

	private String payoutSchedule;

	private int payoutDay;

	@Version
	private Long version;

	protected GlobalSettings() {
	}

	public void apply(PartnerSettings s) {
		this.credit = s.credit().value();
		this.defaultCurrency = s.defaultCurrency().toUpperCase();
		this.defaultFirstTierRateType = s.defaultFirstTierRate().type().value();
		this.defaultFirstTierRateValue = s.defaultFirstTierRate().value();
		this.defaultSecondTierRateType = s.defaultSecondTierRate().type().value();
		this.defaultSecondTierRateValue = s.defaultSecondTierRate().value();
		this.defaultCookieDays = s.defaultCookieDays();
		this.defaultApprovalDelayDays = s.defaultApprovalDelayDays();
		this.defaultMinimumPayout = s.defaultMinimumPayout();
		this.payoutSchedule = s.payoutSchedule();
		this.payoutDay = s.payoutDay();
	}

	public PartnerSettings view() {
		return new PartnerSettings(Credit.of(this.credit), this.defaultCurrency,
				new Rate(RateType.of(this.defaultFirstTierRateType), this.defaultFirstTierRateValue),
				new Rate(RateType.of(this.defaultSecondTierRateType), this.defaultSecondTierRateValue),
				this.defaultCookieDays, this.defaultApprovalDelayDays, this.defaultMinimumPayout, this.payoutSchedule,
				this.payoutDay);
	}

}
