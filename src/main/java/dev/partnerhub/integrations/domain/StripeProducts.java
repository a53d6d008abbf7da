package dev.partnerhub.integrations.domain;

import static dev.partnerhub.integrations.domain.StripeObjects.firstNonNull;
import static dev.partnerhub.integrations.domain.StripeObjects.invoiceNet;
import static dev.partnerhub.integrations.domain.StripeObjects.line;
import static dev.partnerhub.integrations.domain.StripeObjects.orZero;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import dev.partnerhub.orders.OrderApi;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramApi;
import tools.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The order lines of a Checkout Session or an invoice, and the products their Stripe
 * prices are sold as.
 */
@Component
class StripeProducts {

	/** The product of a Checkout line without a price or product id of its own. */
	static final String CHECKOUT_SKU = "stripe-checkout";

	private final ProgramApi programs;

	private final TransactionTemplate separately;

	StripeProducts(ProgramApi programs, PlatformTransactionManager transactionManager) {
		this.programs = programs;
		this.separately = new TransactionTemplate(transactionManager);
		this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * The session's line items when the payload carries them; else one line for what was
	 * paid.
	 */
	List<OrderApi.Line> checkoutLines(JsonNode session, String currency) {
		List<JsonNode> items = Json.list(session, "line_items");
		List<OrderApi.Line> lines = new ArrayList<>();
		if (!items.isEmpty() && !Json.bool(session, "line_items", "has_more")) {
			for (JsonNode item : items) {
				Long total = Json.number(item, "amount_total");
				long net = total != null ? total - orZero(Json.number(item, "amount_tax"))
						: orZero(Json.number(item, "amount_subtotal")) - orZero(Json.number(item, "amount_discount"));
				String name = Json.text(item, "description");
				lines.add(line(sku(Json.id(item, "price"), Json.id(item, "price", "product"), name, currency),
						Json.number(item, "quantity"), net, currency));
			}
			return lines;
		}
		long total = orZero(Json.number(session, "amount_total"));
		long net = total - orZero(Json.number(session, "total_details", "amount_tax"))
				- orZero(Json.number(session, "total_details", "amount_shipping"));
		String named = Json.text(session, "metadata", "partnerhub_sku");
		lines.add(line(sku(named, null, "Stripe Checkout", currency), 1L, net, currency));
		return lines;
	}

	/**
	 * Order lines from the invoice's lines; one line for the invoice's total when they do
	 * not add up.
	 */
	List<OrderApi.Line> invoiceLines(JsonNode invoice, String currency) {
		List<JsonNode> items = Json.list(invoice, "lines");
		List<OrderApi.Line> lines = new ArrayList<>();
		String firstPrice = null;
		String firstProduct = null;
		boolean usable = !items.isEmpty() && !Json.bool(invoice, "lines", "has_more");
		for (JsonNode item : items) {
			String price = firstNonNull(Json.id(item, "pricing", "price_details", "price"), Json.id(item, "price"),
					Json.id(item, "plan"));
			String product = firstNonNull(Json.text(item, "pricing", "price_details", "product"),
					Json.id(item, "price", "product"), Json.id(item, "plan", "product"));
			firstPrice = firstPrice == null ? price : firstPrice;
			firstProduct = firstProduct == null ? product : firstProduct;
			long net = orZero(Json.number(item, "amount"));
			for (JsonNode discount : Json.list(item, "discount_amounts")) {
				net -= orZero(Json.number(discount, "amount"));
			}
			for (JsonNode tax : Json.list(item, "taxes")) {
				if ("inclusive".equals(Json.text(tax, "tax_behavior"))) {
					net -= orZero(Json.number(tax, "amount"));
				}
			}
			for (JsonNode tax : Json.list(item, "tax_amounts")) {
				if (Json.bool(tax, "inclusive")) {
					net -= orZero(Json.number(tax, "amount"));
				}
			}
			if (net < 0) {
				usable = false; // a proration credit: the lines are no list of what was
								// bought
			}
			if (usable) {
				lines.add(line(sku(price, product, Json.text(item, "description"), currency),
						Json.number(item, "quantity"), net, currency));
			}
		}
		if (usable) {
			return lines;
		}
		return List.of(line(sku(firstPrice, firstProduct, "Stripe subscription", currency), 1L, invoiceNet(invoice),
				currency));
	}

	/**
	 * The sku of the product a Stripe price is sold as: the product mapped to the price
	 * ({@code stripePriceId}), one whose sku is the Stripe product id, else a product
	 * named by the price id (created with price 0 on first use, so its sales earn the
	 * program's default rates until an admin maps the price to a product of his own).
	 */
	String sku(String priceId, String productId, String name, String currency) {
		if (priceId != null) {
			Optional<ProductSummary> mapped = this.programs.findProductByStripePrice(priceId);
			if (mapped.isPresent()) {
				return mapped.get().sku();
			}
		}
		if (productId != null && productId.matches("[A-Za-z0-9._-]{1,64}")) {
			Optional<ProductSummary> byProduct = this.programs.findProductBySku(productId);
			if (byProduct.isPresent()) {
				return byProduct.get().sku();
			}
		}
		String sku = firstNonNull(priceId, productId, CHECKOUT_SKU);
		if (!sku.matches("[A-Za-z0-9._-]{1,64}")) {
			sku = CHECKOUT_SKU;
		}
		String productSku = sku;
		String productName = name == null || name.isBlank() ? "Stripe " + sku : Json.limit(name, 200);
		// committed at once: the order's cached product lookup then finds it (a product
		// without sales is harmless)
		return this.separately.execute(status -> this.programs.ensureProduct(productSku, productName, currency)).sku();
	}

}
