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

/**
 * The console's program form. Numbers are bound as numbers (a non-number becomes a field
 * error, see {@link FormSupport}); rates are a type select plus a value box, turned into
 * {@link Rate}s by the controller.
 */
public class ProgramForm {

	@NotBlank(message = "Name is required.")
	@Size(max = 120, message = "Name must be at most 120 characters.")
	private String name;

	/** The URL slug (edit form only; a new program's is made from its name). */
	private String slug;

	/**
	 * Other sales-site origins, one per line (edit form only), where public forms may
	 * send visitors back to.
	 */
	private String salesSites;

	@NotBlank(message = "A landing URL is required.")
	@Size(max = 2000, message = "The URL must be at most 2000 characters.")
	private String landingUrl;

	@NotNull(message = "Choose one-tier or two-tier.")
	@Min(value = 1, message = "Tiers must be 1 or 2.")
	@Max(value = 2, message = "Tiers must be 1 or 2.")
	private Integer tiers = 1;

	@NotBlank(message = "Currency is required.")
	private String currency;

	private String firstTierRateType = "percent";

	@NotNull(message = "Enter the first-tier rate.")
	private BigDecimal firstTierRateValue;

	private String secondTierRateType = "percent";

	private BigDecimal secondTierRateValue;

	@NotNull(message = "Enter the cookie window in days.")
	private Integer cookieDays;

	/** Empty means commissions wait for manual approval. */
	private Integer approvalDelayDays;

	@NotNull(message = "Enter the minimum payout (0 for none).")
	private BigDecimal minimumPayout;

	private boolean recurringCommissions = true;

	/** Empty means for the life of the order. */
	private Integer recurringMonths;

	private Long nextLevelProgramId;

	/**
	 * Partners signing up through the public form are approved at once (else they wait
	 * for an admin).
	 */
	private boolean autoApprovePartners;

	/** Payout methods offered (checkboxes: paypal, bank, other). */
	private List<String> payoutMethods = new ArrayList<>(List.of("paypal"));

	private boolean requireTaxDetails;

	/** Per qualified lead, in the program's currency; empty = off. */
	private BigDecimal leadReward;

	public BigDecimal getLeadReward() {
		return this.leadReward;
	}

	public void setLeadReward(BigDecimal leadReward) {
		this.leadReward = leadReward;
	}

	/** The sign-up page's heading and intro; blank = the defaults. */
	@jakarta.validation.constraints.Size(max = dev.partnerhub.programs.SignupTexts.MAX_HEADING,
			message = "The sign-up heading may be at most 200 characters.")
	private String signupHeading;

	@jakarta.validation.constraints.Size(max = dev.partnerhub.programs.SignupTexts.MAX_INTRO,
			message = "The sign-up intro may be at most 2000 characters.")
	private String signupIntro;

	public String getSignupHeading() {
		return this.signupHeading;
	}

	public void setSignupHeading(String signupHeading) {
		this.signupHeading = signupHeading;
	}

	public String getSignupIntro() {
		return this.signupIntro;
	}

	public void setSignupIntro(String signupIntro) {
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

	public String getSlug() {
		return this.slug;
	}

	public void setSlug(String slug) {
		this.slug = slug;
	}

	public String getSalesSites() {
		return this.salesSites;
	}

	public void setSalesSites(String salesSites) {
		this.salesSites = salesSites;
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getLandingUrl() {
		return this.landingUrl;
	}

	public void setLandingUrl(String landingUrl) {
		this.landingUrl = landingUrl;
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

	public String getFirstTierRateType() {
		return this.firstTierRateType;
	}

	public void setFirstTierRateType(String firstTierRateType) {
		this.firstTierRateType = firstTierRateType;
	}

	public BigDecimal getFirstTierRateValue() {
		return this.firstTierRateValue;
	}

	public void setFirstTierRateValue(BigDecimal firstTierRateValue) {
		this.firstTierRateValue = firstTierRateValue;
	}

	public String getSecondTierRateType() {
		return this.secondTierRateType;
	}

	public void setSecondTierRateType(String secondTierRateType) {
		this.secondTierRateType = secondTierRateType;
	}

	public BigDecimal getSecondTierRateValue() {
		return this.secondTierRateValue;
	}

	public void setSecondTierRateValue(BigDecimal secondTierRateValue) {
		this.secondTierRateValue = secondTierRateValue;
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
	}

	public BigDecimal getMinimumPayout() {
		return this.minimumPayout;
	}

	public void setMinimumPayout(BigDecimal minimumPayout) {
		this.minimumPayout = minimumPayout;
	}

	public boolean isRecurringCommissions() {
		return this.recurringCommissions;
	}

	public void setRecurringCommissions(boolean recurringCommissions) {
		this.recurringCommissions = recurringCommissions;
	}

	public Integer getRecurringMonths() {
		return this.recurringMonths;
	}

	public void setRecurringMonths(Integer recurringMonths) {
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

	public Long getNextLevelProgramId() {
		return this.nextLevelProgramId;
	}

	public void setNextLevelProgramId(Long nextLevelProgramId) {
		this.nextLevelProgramId = nextLevelProgramId;
	}

	public List<ProductRateRow> getProductRates() {
		return this.productRates;
	}

	public void setProductRates(List<ProductRateRow> productRates) {
		this.productRates = productRates;
	}

	/**
	 * One product's optional overrides; an empty value means "program default" for that
	 * tier.
	 */
	public static class ProductRateRow {

		private Long productId;

		private String sku;

		private String productName;

		private String firstTierRateType = "percent";

		private BigDecimal firstTierRateValue;

		private String secondTierRateType = "percent";

		private BigDecimal secondTierRateValue;

		static ProductRateRow of(long productId, ProgramSummary.ProductRate saved) {
			ProductRateRow row = new ProductRateRow();
			row.productId = productId;
			if (saved != null && saved.firstTierRate() != null) {
				row.firstTierRateType = saved.firstTierRate().type().value();
				row.firstTierRateValue = Rates.trim(saved.firstTierRate().value());
			}
			if (saved != null && saved.secondTierRate() != null) {
				row.secondTierRateType = saved.secondTierRate().type().value();
				row.secondTierRateValue = Rates.trim(saved.secondTierRate().value());
			}
			return row;
		}

		public Long getProductId() {
			return this.productId;
		}

		public void setProductId(Long productId) {
			this.productId = productId;
		}

		public String getSku() {
			return this.sku;
		}

		void setSku(String sku) {
			this.sku = sku;
		}

		public String getProductName() {
			return this.productName;
		}

		void setProductName(String productName) {
			this.productName = productName;
		}

		public String getFirstTierRateType() {
			return this.firstTierRateType;
		}

		public void setFirstTierRateType(String firstTierRateType) {
			this.firstTierRateType = firstTierRateType;
		}

		public BigDecimal getFirstTierRateValue() {
			return this.firstTierRateValue;
		}

		public void setFirstTierRateValue(BigDecimal firstTierRateValue) {
			this.firstTierRateValue = firstTierRateValue;
		}

		public String getSecondTierRateType() {
			return this.secondTierRateType;
		}

		public void setSecondTierRateType(String secondTierRateType) {
			this.secondTierRateType = secondTierRateType;
		}

		public BigDecimal getSecondTierRateValue() {
			return this.secondTierRateValue;
		}

		public void setSecondTierRateValue(BigDecimal secondTierRateValue) {
			this.secondTierRateValue = secondTierRateValue;
		}

	}

}
