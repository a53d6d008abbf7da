package dev.partnerhub.programs.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.partnerhub.programs.PartnerSettings;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The console's program form. Numbers are bound as numbers (a non-number becomes a field
 * error, see {@link FormSupport}); rates are a type select plus a value box, turned into
 * {@link Rate}s by {@link ProgramDefinitions}; one {@link ProductRateRow} per product.
 * Every boxed field may be null: a box left empty or not posted.
 */
public class ProgramForm {

	@NotBlank(message = "Name is required.")
	@Size(max = 120, message = "Name must be at most 120 characters.")
	private @Nullable String name;

	/** The URL slug (edit form only; a new program's is made from its name). */
	private @Nullable String slug;

	/**
	 * Other sales-site origins, one per line (edit form only), where public forms may
	 * send visitors back to.
	 */
	private @Nullable String salesSites;

	@NotBlank(message = "A landing URL is required.")
	@Size(max = 2000, message = "The URL must be at most 2000 characters.")
	private @Nullable String landingUrl;

	@NotNull(message = "Choose one-tier or two-tier.")
	@Min(value = 1, message = "Tiers must be 1 or 2.")
	@Max(value = 2, message = "Tiers must be 1 or 2.")
	private @Nullable Integer tiers = 1;

	@NotBlank(message = "Currency is required.")
	private @Nullable String currency;

	private @Nullable String firstTierRateType = "percent";

	@NotNull(message = "Enter the first-tier rate.")
	private @Nullable BigDecimal firstTierRateValue;

	private @Nullable String secondTierRateType = "percent";

	private @Nullable BigDecimal secondTierRateValue;

	@NotNull(message = "Enter the cookie window in days.")
	private @Nullable Integer cookieDays;

	/** Empty means commissions wait for manual approval. */
	private @Nullable Integer approvalDelayDays;

	@NotNull(message = "Enter the minimum payout (0 for none).")
	private @Nullable BigDecimal minimumPayout;

	private boolean recurringCommissions = true;

	/** Empty means for the life of the order. */
	private @Nullable Integer recurringMonths;

	private @Nullable Long nextLevelProgramId;

	/**
	 * Partners signing up through the public form are approved at once (else they wait
	 * for an admin).
	 */
	private boolean autoApprovePartners;

	/** Payout methods offered (checkboxes: paypal, bank, other). */
	private List<String> payoutMethods = new ArrayList<>(List.of("paypal"));

	private boolean requireTaxDetails;

	/** Per qualified lead, in the program's currency; empty = off. */
	private @Nullable BigDecimal leadReward;

	public @Nullable BigDecimal getLeadReward() {
		return this.leadReward;
	}

	public void setLeadReward(@Nullable BigDecimal leadReward) {
		this.leadReward = leadReward;
	}

	/** The sign-up page's heading and intro; blank = the defaults. */
	@jakarta.validation.constraints.Size(max = dev.partnerhub.programs.SignupTexts.MAX_HEADING,
			message = "The sign-up heading may be at most 200 characters.")
	private @Nullable String signupHeading;

	@jakarta.validation.constraints.Size(max = dev.partnerhub.programs.SignupTexts.MAX_INTRO,
			message = "The sign-up intro may be at most 2000 characters.")
	private @Nullable String signupIntro;

	public @Nullable String getSignupHeading() {
		return this.signupHeading;
	}

	public void setSignupHeading(@Nullable String signupHeading) {
		this.signupHeading = signupHeading;
	}

	public @Nullable String getSignupIntro() {
		return this.signupIntro;
	}

	public void setSignupIntro(@Nullable String signupIntro) {
		this.signupIntro = signupIntro;
	}

	private List<ProductRateRow> productRates = new ArrayList<>();

	/** A new program starts from the global partner settings' defaults. */
	static ProgramForm defaults(PartnerSettings settings, List<ProductSummary> products) {
		ProgramForm form = new ProgramForm();
		form.currency = settings.defaultCurrency();
		form.setFirstTierRate(settings.defaultFirstTierRate());
		form.setSecondTierRate(settings.defaultSecondTierRate());
		form.cookieDays = settings.defaultCookieDays();
		form.approvalDelayDays = settings.defaultApprovalDelayDays();
		form.minimumPayout = settings.defaultMinimumPayout();
		form.attachProducts(products, Map.of());
		return form;
	}

	static ProgramForm of(ProgramSummary program, List<ProductSummary> products) {
		ProgramForm form = new ProgramForm();
		form.name = program.name();
		form.landingUrl = program.landingUrl();
		form.tiers = program.tiers();
		form.currency = program.currency();
		form.setFirstTierRate(program.firstTierRate());
		form.setSecondTierRate(program.secondTierRate());
		form.cookieDays = program.cookieDays();
		form.approvalDelayDays = program.approvalDelayDays();
		form.minimumPayout = program.minimumPayout();
		form.recurringCommissions = program.recurringCommissions();
		form.recurringMonths = program.recurringMonths();
		form.nextLevelProgramId = program.nextLevelProgramId();
		form.attachProducts(products, program.productRates());
		return form;
	}

	/**
	 * One row per product, in the products' order: rows the browser posted keep their
	 * values (matched by product id), names and SKUs always come from the database, never
	 * from the request.
	 */
	void attachProducts(List<ProductSummary> products, Map<Long, ProgramSummary.ProductRate> saved) {
		List<ProductRateRow> rows = new ArrayList<>();
		for (ProductSummary product : products) {
			ProductRateRow row = this.productRates.stream()
				.filter(r -> r != null && product.id() == (r.getProductId() == null ? -1 : r.getProductId()))
				.findFirst()
				.orElseGet(() -> ProductRateRow.of(product.id(), saved.get(product.id())));
			row.setProductId(product.id());
			row.setSku(product.sku());
			row.setProductName(product.name());
			rows.add(row);
		}
		this.productRates = rows;
	}

	private void setFirstTierRate(Rate rate) {
		this.firstTierRateType = rate.type().value();
		this.firstTierRateValue = Rates.trim(rate.value());
	}

	private void setSecondTierRate(Rate rate) {
		this.secondTierRateType = rate.type().value();
		this.secondTierRateValue = Rates.trim(rate.value());
	}

	public @Nullable String getSlug() {
		return this.slug;
	}

	public void setSlug(@Nullable String slug) {
		this.slug = slug;
	}

	public @Nullable String getSalesSites() {
		return this.salesSites;
	}

	public void setSalesSites(@Nullable String salesSites) {
		this.salesSites = salesSites;
	}

	public @Nullable String getName() {
		return this.name;
	}

	public void setName(@Nullable String name) {
		this.name = name;
	}

	public @Nullable String getLandingUrl() {
		return this.landingUrl;
	}

	public void setLandingUrl(@Nullable String landingUrl) {
		this.landingUrl = landingUrl;
	}

	public @Nullable Integer getTiers() {
		return this.tiers;
	}

	public void setTiers(@Nullable Integer tiers) {
		this.tiers = tiers;
	}

	public @Nullable String getCurrency() {
		return this.currency;
	}

	public void setCurrency(@Nullable String currency) {
		this.currency = currency;
	}

	public @Nullable String getFirstTierRateType() {
		return this.firstTierRateType;
	}

	public void setFirstTierRateType(@Nullable String firstTierRateType) {
		this.firstTierRateType = firstTierRateType;
	}

	public @Nullable BigDecimal getFirstTierRateValue() {
		return this.firstTierRateValue;
	}

	public void setFirstTierRateValue(@Nullable BigDecimal firstTierRateValue) {
		this.firstTierRateValue = firstTierRateValue;
	}

	public @Nullable String getSecondTierRateType() {
		return this.secondTierRateType;
	}

	public void setSecondTierRateType(@Nullable String secondTierRateType) {
		this.secondTierRateType = secondTierRateType;
	}

	public @Nullable BigDecimal getSecondTierRateValue() {
		return this.secondTierRateValue;
	}

	public void setSecondTierRateValue(@Nullable BigDecimal secondTierRateValue) {
		this.secondTierRateValue = secondTierRateValue;
	}

	public @Nullable Integer getCookieDays() {
		return this.cookieDays;
	}

	public void setCookieDays(@Nullable Integer cookieDays) {
		this.cookieDays = cookieDays;
	}

	public @Nullable Integer getApprovalDelayDays() {
		return this.approvalDelayDays;
	}

	public void setApprovalDelayDays(@Nullable Integer approvalDelayDays) {
		this.approvalDelayDays = approvalDelayDays;
	}

	public @Nullable BigDecimal getMinimumPayout() {
		return this.minimumPayout;
	}

	public void setMinimumPayout(@Nullable BigDecimal minimumPayout) {
		this.minimumPayout = minimumPayout;
	}

	public boolean isRecurringCommissions() {
		return this.recurringCommissions;
	}

	public void setRecurringCommissions(boolean recurringCommissions) {
		this.recurringCommissions = recurringCommissions;
	}

	public @Nullable Integer getRecurringMonths() {
		return this.recurringMonths;
	}

	public void setRecurringMonths(@Nullable Integer recurringMonths) {
		this.recurringMonths = recurringMonths;
	}

	public boolean isAutoApprovePartners() {
		return this.autoApprovePartners;
	}

	public void setAutoApprovePartners(boolean autoApprovePartners) {
		this.autoApprovePartners = autoApprovePartners;
	}

	public List<String> getPayoutMethods() {
		return this.payoutMethods;
	}

	public void setPayoutMethods(List<String> payoutMethods) {
		this.payoutMethods = payoutMethods == null ? new ArrayList<>() : payoutMethods;
	}

	public boolean isRequireTaxDetails() {
		return this.requireTaxDetails;
	}

	public void setRequireTaxDetails(boolean requireTaxDetails) {
		this.requireTaxDetails = requireTaxDetails;
	}

	public @Nullable Long getNextLevelProgramId() {
		return this.nextLevelProgramId;
	}

	public void setNextLevelProgramId(@Nullable Long nextLevelProgramId) {
		this.nextLevelProgramId = nextLevelProgramId;
	}

	public List<ProductRateRow> getProductRates() {
		return this.productRates;
	}

	public void setProductRates(List<ProductRateRow> productRates) {
		this.productRates = productRates;
	}

}
