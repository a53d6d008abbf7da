package dev.partnerhub.programs;

import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Bulk set-up of programs and products as given (the demo seed): no validation beyond the
 * schema's, no audit. Runs in the caller's transaction.
 */
public interface ProgramImport {

	record NewProduct(String sku, String name, BigDecimal price, String currency) {
	}

	/**
	 * A program as it is stored. {@code nextLevelProgramId} must exist already.
	 */
	record NewProgram(String name, String landingUrl, int tiers, String currency, Rate firstTierRate,
			Rate secondTierRate, int cookieDays, @Nullable Integer approvalDelayDays, BigDecimal minimumPayout,
			@Nullable Long nextLevelProgramId) {
	}

	/** Inserts the products in the given order and answers their ids in that order. */
	List<Long> importProducts(List<NewProduct> products);

	long importProgram(NewProgram program);

	/**
	 * The program's own first-tier rate for the product with this SKU (second tier: the
	 * program default).
	 */
	void importProductRate(long programId, String sku, Rate firstTierRate);

}
