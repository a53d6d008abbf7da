package dev.partnerhub.programs.web;

import java.math.BigDecimal;

import dev.partnerhub.programs.PartnerSettings;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** The global partner settings form; blank approval delay means manual approval. */
public class SettingsForm {

	@NotBlank(message = "Choose who gets the credit.")
	private String credit;

	@NotBlank(message = "Currency is required.")
	private String defaultCurrency;

	private String defaultFirstTierRateType;

	@NotNull(message = "Enter the default first-tier rate.")
	private BigDecimal defaultFirstTierRateValue;

	private String defaultSecondTierRateType;

	@NotNull(message = "Enter the default second-tier rate.")
	private BigDecimal defaultSecondTierRateValue;

	@NotNull(message = "Enter the default cookie window in days.")
	private Integer defaultCookieDays;

	private Integer defaultApprovalDelayDays;

	@NotNull(message = "Enter the default minimum payout (0 for none).")
	private BigDecimal defaultMinimumPayout;

	@NotBlank(message = "Choose a payout schedule.")
	private String payoutSchedule;

	@NotNull(message = "Enter the payout day.")
	private Integer payoutDay;

	static SettingsForm of(PartnerSettings s) {
		SettingsForm form = new SettingsForm();
		form.credit = s.credit().value();
		form.defaultCurrency = s.defaultCurrency();
		form.defaultFirstTierRateType = s.defaultFirstTierRate().type().value();
		form.defaultFirstTierRateValue = Rates.trim(s.defaultFirstTierRate().value());
		form.defaultSecondTierRateType = s.defaultSecondTierRate().type().value();
		form.defaultSecondTierRateValue = Rates.trim(s.defaultSecondTierRate().value());
		form.defaultCookieDays = s.defaultCookieDays();
		form.defaultApprovalDelayDays = s.defaultApprovalDelayDays();
		form.defaultMinimumPayout = s.defaultMinimumPayout();
		form.payoutSchedule = s.payoutSchedule();
		form.payoutDay = s.payoutDay();
		return form;
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

	public String getDefaultFirstTierRateType() {
		return this.defaultFirstTierRateType;
	}

	public void setDefaultFirstTierRateType(String defaultFirstTierRateType) {
		this.defaultFirstTierRateType = defaultFirstTierRateType;
	}

	public BigDecimal getDefaultFirstTierRateValue() {
		return this.defaultFirstTierRateValue;
	}

	public void setDefaultFirstTierRateValue(BigDecimal defaultFirstTierRateValue) {
		this.defaultFirstTierRateValue = defaultFirstTierRateValue;
	}

	public String getDefaultSecondTierRateType() {
		return this.defaultSecondTierRateType;
	}

	public void setDefaultSecondTierRateType(String defaultSecondTierRateType) {
		this.defaultSecondTierRateType = defaultSecondTierRateType;
	}

	public BigDecimal getDefaultSecondTierRateValue() {
		return this.defaultSecondTierRateValue;
	}

	public void setDefaultSecondTierRateValue(BigDecimal defaultSecondTierRateValue) {
		this.defaultSecondTierRateValue = defaultSecondTierRateValue;
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
