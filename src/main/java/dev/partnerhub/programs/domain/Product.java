package dev.partnerhub.programs.domain;

import java.math.BigDecimal;
import java.time.Instant;

import dev.partnerhub.programs.ProductSummary;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.InsertOnlyProperty;
import org.springframework.data.relational.core.mapping.Table;

@Table("product")
public class Product {

	@Id
	private @Nullable Long id;

	private String sku;

	private String name;

	private BigDecimal price;

	private String currency;

	/**
	 * The Stripe price it is sold as (Stripe webhooks name prices); null when not mapped.
	 */
	private @Nullable String stripePriceId;

	@InsertOnlyProperty
	private Instant createdAt;

	@Version
	private @Nullable Long version;

	protected Product() {
	}

	public Product(String sku, String name, BigDecimal price, String currency, Instant createdAt) {
		this.createdAt = createdAt;
		update(sku, name, price, currency);
	}

	public void update(String sku, String name, BigDecimal price, String currency) {
		this.sku = sku.strip();
		this.name = name.strip();
		this.price = price;
		this.currency = currency.toUpperCase();
	}

	public ProductSummary summary() {
		return new ProductSummary(this.id, this.sku, this.name, this.price, this.currency, this.stripePriceId);
	}

	public void mapToStripePrice(@Nullable String stripePriceId) {
		this.stripePriceId = stripePriceId;
	}

	public @Nullable String getStripePriceId() {
		return this.stripePriceId;
	}

	public @Nullable Long getId() {
		return this.id;
	}

	public String getSku() {
		return this.sku;
	}

	public String getName() {
		return this.name;
	}

	public BigDecimal getPrice() {
		return this.price;
	}

	public String getCurrency() {
		return this.currency;
	}

}
