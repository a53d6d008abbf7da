package dev.partnerhub.programs.web;

import java.math.BigDecimal;

import dev.partnerhub.programs.ProductSummary;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The console's product form; the service checks SKU format, price scale and uniqueness.
 */
public class ProductForm {

	@NotBlank(message = "SKU is required.")
	@Size(max = 64, message = "SKU must be at most 64 characters.")
	private String sku;

	@NotBlank(message = "Name is required.")
	@Size(max = 200, message = "Name must be at most 200 characters.")
	private String name;

	@NotNull(message = "Enter a price (0 for free).")
	private BigDecimal price;

	@NotBlank(message = "Currency is required.")
	private String currency;

	@Size(max = 100, message = "A Stripe price id is at most 100 characters.")
	private String stripePriceId;

	static ProductForm of(ProductSummary product) {
		ProductForm form = new ProductForm();
		form.sku = product.sku();
		form.name = product.name();
		form.price = product.price();
		form.currency = product.currency();
		form.stripePriceId = product.stripePriceId();
		return form;
	}

	public String getStripePriceId() {
		return this.stripePriceId;
	}

	public void setStripePriceId(String stripePriceId) {
		this.stripePriceId = stripePriceId;
	}

	public String getSku() {
		return this.sku;
	}

	public void setSku(String sku) {
		this.sku = sku;
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public BigDecimal getPrice() {
		return this.price;
	}

	public void setPrice(BigDecimal price) {
		this.price = price;
	}

	public String getCurrency() {
		return this.currency;
	}

	public void setCurrency(String currency) {
		this.currency = currency;
	}

}
