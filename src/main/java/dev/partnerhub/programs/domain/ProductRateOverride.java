package dev.partnerhub.programs.domain;

import java.math.BigDecimal;
import java.util.Objects;

import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.RateType;
import org.jspecify.annotations.Nullable;
import org.springframework.data.relational.core.mapping.Table;

/** A row of program_product_rate; null type/value for a tier means "program default". */
@Table("program_product_rate")
public class ProductRateOverride {

	private Long productId;

	private @Nullable String firstTierRateType;

	private @Nullable BigDecimal firstTierRateValue;

	private @Nullable String secondTierRateType;

	private @Nullable BigDecimal secondTierRateValue;

	protected ProductRateOverride() {
	}

	static ProductRateOverride of(long productId, @Nullable Rate first, @Nullable Rate second) {
		ProductRateOverride override = new ProductRateOverride();
		override.productId = productId;
		if (first != null) {
			override.firstTierRateType = first.type().value();
			override.firstTierRateValue = first.value();
		}
		if (second != null) {
			override.secondTierRateType = second.type().value();
			override.secondTierRateValue = second.value();
		}
		return override;
	}

	Long getProductId() {
		return this.productId;
	}

	ProgramSummary.ProductRate toProductRate() {
		return new ProgramSummary.ProductRate(this.productId, rate(this.firstTierRateType, this.firstTierRateValue),
				rate(this.secondTierRateType, this.secondTierRateValue));
	}

	private static @Nullable Rate rate(@Nullable String type, @Nullable BigDecimal value) {
		return type == null ? null : new Rate(RateType.of(type), value);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof ProductRateOverride that && Objects.equals(this.productId, that.productId);
	}

	@Override
	public int hashCode() {
		return Objects.hashCode(this.productId);
	}

}
