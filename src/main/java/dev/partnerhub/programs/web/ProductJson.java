package dev.partnerhub.programs.web;

import java.math.BigDecimal;

import dev.partnerhub.programs.ProductSummary;
import org.jspecify.annotations.Nullable;

/** A product in the API; the price is a string with two decimals ("49.00"). */
record ProductJson(long id, String sku, String name, String price, String currency, @Nullable String stripePriceId) {

	static ProductJson of(ProductSummary product) {
		return new ProductJson(product.id(), product.sku(), product.name(), Rates.formatMoney(product.price()),
				product.currency(), product.stripePriceId());
	}

	/**
	 * What a client posts; the price may be a string or a number. {@code stripePriceId}
	 * (optional): the Stripe price it is sold as, so Stripe sales of that price are
	 * booked on this product.
	 */
	record Request(@Nullable String sku, @Nullable String name, @Nullable BigDecimal price, @Nullable String currency,
			@Nullable String stripePriceId) {
	}

}
