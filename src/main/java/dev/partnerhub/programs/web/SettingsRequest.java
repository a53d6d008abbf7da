package dev.partnerhub.programs.web;

import java.math.BigDecimal;

import dev.partnerhub.programs.Credit;
import dev.partnerhub.programs.PartnerSettings;
import dev.partnerhub.support.InvalidInputException;

/**
 * The body of {@code PUT /api/v1/settings}: partial, every field left out keeps its
 * value. Setters record that {@code defaultApprovalDelayDays} was sent, because an
 * explicit null there means "manual approval".
 */
class SettingsRequest {

	private String credit;

	private String defaultCurrency;

	private RateJson defaultFirstTierRate;

	private RateJson defaultSecondTierRate;

	private Integer defaultCookieDays;

	private Integer defaultApprovalDelayDays;

	private boolean defaultApprovalDelayDaysGiven;

	private BigDecimal defaultMinimumPayout;

	private String payoutSchedule;

	private Integer payoutDay;

	/** The current settings with the fields this request carries replaced. */
	PartnerSettings applyTo(PartnerSettings current) {
		Credit newCredit = current.credit();
		if (this.credit != null) {
			try {
				newCredit = Credit.of(this.credit);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException("credit", "Credit must be first or last.");
			}
		}
		BigDecimal minimum = Rates.money("defaultMinimumPayout", this.defaultMinimumPayout);
		return new PartnerSettings(newCredit,
				this.defaultCurrency == null ? current.defaultCurrency() : this.defaultCurrency,
				this.defaultFirstTierRate == null ? current.defaultFirstTierRate()
						: Rates.parse("defaultFirstTierRate", this.defaultFirstTierRate),
				this.defaultSecondTierRate == null ? current.defaultSecondTierRate()
						: Rates.parse("defaultSecondTierRate", this.defaultSecondTierRate),
				this.defaultCookieDays == null ? current.defaultCookieDays() : this.defaultCookieDays,
				this.defaultApprovalDelayDaysGiven ? this.defaultApprovalDelayDays : current.defaultApprovalDelayDays(),
				minimum == null ? current.defaultMinimumPayout() : minimum,
				this.payoutSchedule == null ? current.payoutSchedule() : this.payoutSchedule,
				this.payoutDay == null ? current.payoutDay() : this.payoutDay);
	}

	public String getCredit() {
		return this.credit;
	}

	public void setCredit(String credit) {
		this.credit = credit;
	}

	public String getDefaultCurrency() {
		return this.defaultCurrency;
	}

	public void setDefaultCurrency(String defaultCurrency) {
		this.defaultCurrency = defaultCurrency;
	}

	public RateJson getDefaultFirstTierRate() {
		return this.defaultFirstTierRate;
	}

	public void setDefaultFirstTierRate(RateJson defaultFirstTierRate) {
		this.defaultFirstTierRate = defaultFirstTierRate;
	}

	public RateJson getDefaultSecondTierRate() {
		return this.defaultSecondTierRate;
	}

	public void setDefaultSecondTierRate(RateJson defaultSecondTierRate) {
		this.defaultSecondTierRate = defaultSecondTierRate;
	}

	public Integer getDefaultCookieDays() {
		return this.defaultCookieDays;
	}

	public void setDefaultCookieDays(Integer defaultCookieDays) {
		this.defaultCookieDays = defaultCookieDays;
	}

	public Integer getDefaultApprovalDelayDays() {
		return this.defaultApprovalDelayDays;
	}

	public void setDefaultApprovalDelayDays(Integer defaultApprovalDelayDays) {
		this.defaultApprovalDelayDays = defaultApprovalDelayDays;
		this.defaultApprovalDelayDaysGiven = true;
	}

	public BigDecimal getDefaultMinimumPayout() {
		return this.defaultMinimumPayout;
	}

	public void setDefaultMinimumPayout(BigDecimal defaultMinimumPayout) {
		this.defaultMinimumPayout = defaultMinimumPayout;
	}

	public String getPayoutSchedule() {
		return this.payoutSchedule;
	}

	public void setPayoutSchedule(String payoutSchedule) {
		this.payoutSchedule = payoutSchedule;
	}

	public Integer getPayoutDay() {
		return this.payoutDay;
	}

	public void setPayoutDay(Integer payoutDay) {
		this.payoutDay = payoutDay;
	}

}
