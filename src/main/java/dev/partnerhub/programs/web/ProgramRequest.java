package dev.partnerhub.programs.web;

import java.math.BigDecimal;
import java.util.List;

/**
 * The body of {@code POST /api/v1/programs} and {@code PUT /api/v1/programs/{name}}. A
 * class with setters rather than a record so that an absent {@code approvalDelayDays}
 * (take the global default) can be told apart from an explicit {@code null} (manual
 * approval).
 */
class ProgramRequest {

	private String name;

	private Integer tiers;

	private String currency;

	private String landingUrl;

	private RateJson firstTierRate;

	private RateJson secondTierRate;

	private Integer cookieDays;

	private Integer approvalDelayDays;

	private boolean approvalDelayDaysGiven;

	private BigDecimal minimumPayout;

	private Boolean recurringCommissions;

	private Integer recurringMonths;

	private List<ProgramJson.ProductRateJson> productRates;

	private String nextLevelProgram;

	private Boolean autoApprovePartners;

	/** Per qualified lead; absent leaves it as it is, "0" turns it off. */
	private BigDecimal leadReward;

	public BigDecimal getLeadReward() {
		return this.leadReward;
	}

	public void setLeadReward(BigDecimal leadReward) {
		this.leadReward = leadReward;
	}

	public Boolean getAutoApprovePartners() {
		return this.autoApprovePartners;
	}

	public void setAutoApprovePartners(Boolean autoApprovePartners) {
		this.autoApprovePartners = autoApprovePartners;
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public Integer getTiers() {
		return this.tiers;
	}

	public void setTiers(Integer tiers) {
		this.tiers = tiers;
	}

	public String getCurrency() {
		return this.currency;
	}

	public void setCurrency(String currency) {
		this.currency = currency;
	}

	public String getLandingUrl() {
		return this.landingUrl;
	}

	public void setLandingUrl(String landingUrl) {
		this.landingUrl = landingUrl;
	}

	public RateJson getFirstTierRate() {
		return this.firstTierRate;
	}

	public void setFirstTierRate(RateJson firstTierRate) {
		this.firstTierRate = firstTierRate;
	}

	public RateJson getSecondTierRate() {
		return this.secondTierRate;
	}

	public void setSecondTierRate(RateJson secondTierRate) {
		this.secondTierRate = secondTierRate;
	}

	public Integer getCookieDays() {
		return this.cookieDays;
	}

	public void setCookieDays(Integer cookieDays) {
		this.cookieDays = cookieDays;
	}

	public Integer getApprovalDelayDays() {
		return this.approvalDelayDays;
	}

	public void setApprovalDelayDays(Integer approvalDelayDays) {
		this.approvalDelayDays = approvalDelayDays;
		this.approvalDelayDaysGiven = true;
	}

	boolean approvalDelayDaysGiven() {
		return this.approvalDelayDaysGiven;
	}

	public BigDecimal getMinimumPayout() {
		return this.minimumPayout;
	}

	public void setMinimumPayout(BigDecimal minimumPayout) {
		this.minimumPayout = minimumPayout;
	}

	public Boolean getRecurringCommissions() {
		return this.recurringCommissions;
	}

	public void setRecurringCommissions(Boolean recurringCommissions) {
		this.recurringCommissions = recurringCommissions;
	}

	public Integer getRecurringMonths() {
		return this.recurringMonths;
	}

	public void setRecurringMonths(Integer recurringMonths) {
		this.recurringMonths = recurringMonths;
	}

	public List<ProgramJson.ProductRateJson> getProductRates() {
		return this.productRates;
	}

	public void setProductRates(List<ProgramJson.ProductRateJson> productRates) {
		this.productRates = productRates;
	}

	public String getNextLevelProgram() {
		return this.nextLevelProgram;
	}

	public void setNextLevelProgram(String nextLevelProgram) {
		this.nextLevelProgram = nextLevelProgram;
	}

}
