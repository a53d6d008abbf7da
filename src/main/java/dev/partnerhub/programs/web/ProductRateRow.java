package dev.partnerhub.programs.web;

import java.math.BigDecimal;

import dev.partnerhub.programs.ProgramSummary;
import org.jspecify.annotations.Nullable;

/**
 * One product's optional overrides; an empty value means "program default" for that tier.
 */
public class ProductRateRow {

	private @Nullable Long productId;

	private @Nullable String sku;

	private @Nullable String productName;

	private @Nullable String firstTierRateType = "percent";

	private @Nullable BigDecimal firstTierRateValue;

	private @Nullable String secondTierRateType = "percent";

	private @Nullable BigDecimal secondTierRateValue;

	static ProductRateRow of(long productId, ProgramSummary.@Nullable ProductRate saved) {
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

	public @Nullable Long getProductId() {
		return this.productId;
	}

	public void setProductId(@Nullable Long productId) {
		this.productId = productId;
	}

	public @Nullable String getSku() {
		return this.sku;
	}

	void setSku(@Nullable String sku) {
		this.sku = sku;
	}

	public @Nullable String getProductName() {
		return this.productName;
	}

	void setProductName(@Nullable String productName) {
		this.productName = productName;
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

}
