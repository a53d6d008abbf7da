package dev.partnerhub.programs.web;

import java.math.BigDecimal;

import dev.partnerhub.programs.ProductSummary;

/** A product in the API; the price is a string with two decimals ("49.00"). */
record ProductJson(long id, String sku, String name, String price, String currency) {

	static ProductJson of(ProductSummary product) {
		return new ProductJson(product.id(), product.sku(), product.name(), Rates.formatMoney(product.price()),
				product.currency());
	}

	/** What a client posts; the price may be a string or a number. */
	record Request(String sku, String name, BigDecimal price, String currency) {
	}

}
