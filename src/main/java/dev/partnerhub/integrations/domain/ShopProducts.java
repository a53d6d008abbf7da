package dev.partnerhub.integrations.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.partnerhub.orders.OrderApi;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramApi;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Partnerhub products a shop's lines are booked on: the product with the shop's SKU,
 * created on first use with price 0 and named after the line (so its sales earn the
 * program's default rates until an admin sets its own), as {@link StripeProducts} does
 * for Stripe prices.
 */
@Component
class ShopProducts {

	private static final String SKU = "[A-Za-z0-9._-]{1,64}";

	private final ProgramApi programs;

	private final TransactionTemplate separately;

	ShopProducts(ProgramApi programs, PlatformTransactionManager transactionManager) {
		this.programs = programs;
		this.separately = new TransactionTemplate(transactionManager);
		this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * The order's lines on Partnerhub products; one line of the gross on
	 * {@code <prefix>-order} when it lists none.
	 */
	List<OrderApi.Line> lines(Integration provider, ShopOrder order) {
		String prefix = provider == Integration.WOOCOMMERCE ? "woo" : provider.key();
		List<OrderApi.Line> lines = new ArrayList<>();
		for (ShopOrder.Line line : order.lines()) {
			lines.add(SaleLines.line(sku(prefix, line, order.currency()), line.quantity(), line.net()));
		}
		if (lines.isEmpty()) {
			ShopOrder.Line whole = new ShopOrder.Line(null, null, provider.label() + " order", 1L,
					ShopMoney.orZero(order.gross()));
			lines.add(SaleLines.line(sku(prefix, whole, order.currency()), 1L, whole.net()));
		}
		return lines;
	}

	/**
	 * The shop's SKU when it is one Partnerhub can hold (else with its other characters
	 * as dashes); without one, {@code <prefix>-<product id>}, else
	 * {@code <prefix>-order}.
	 */
	private String sku(String prefix, ShopOrder.Line line, String currency) {
		String sku = line.sku() == null ? ""
				: Json.limit(line.sku().replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", ""), 64);
		if (!sku.matches(SKU)) {
			sku = line.productId() != null && line.productId().matches("[0-9]{1,30}") ? prefix + "-" + line.productId()
					: prefix + "-order";
		}
		Optional<ProductSummary> known = this.programs.findProductBySku(sku);
		if (known.isPresent()) {
			return known.get().sku();
		}
		String productSku = sku;
		String name = line.name() == null || line.name().isBlank() ? sku : Json.limit(line.name(), 200);
		// committed at once: the order's cached product lookup then finds it (a product
		// without sales is harmless)
		return this.separately.execute(status -> this.programs.ensureProduct(productSku, name, currency)).sku();
	}

}
