package dev.partnerhub.programs;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * @param stripePriceId the Stripe price (price_...) this product is sold as, mapped by
 * the admin; may be null
 */
public record ProductSummary(long id, String sku, String name, BigDecimal price, String currency,
		@Nullable String stripePriceId) {

	public ProductSummary(long id, String sku, String name, BigDecimal price, String currency) {
		this(id, sku, name, price, currency, null);
	}

}
