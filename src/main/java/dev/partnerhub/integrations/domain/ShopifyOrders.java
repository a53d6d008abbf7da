package dev.partnerhub.integrations.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads Shopify's REST JSON: the order of {@code orders/paid} and the refund of
 * {@code refunds/create}. No state; pure functions.
 */
final class ShopifyOrders {

	/** The note attributes that carry the referral. */
	static final Set<String> REFERRAL_NAMES = Set.of("ph_ref", "referral");

	private ShopifyOrders() {
	}

	static ShopOrder order(JsonNode order) {
		Long id = Json.number(order, "id");
		if (id == null || id <= 0) {
			throw new ShopEventException("The Shopify order has no id.");
		}
		boolean taxesIncluded = Json.bool(order, "taxes_included");
		List<ShopOrder.Line> lines = new ArrayList<>();
		for (JsonNode item : Json.list(order, "line_items")) {
			Long quantity = Json.number(item, "quantity");
			BigDecimal price = ShopMoney.orZero(ShopMoney.amount(item, "price"));
			BigDecimal gross = price.multiply(BigDecimal.valueOf(quantity == null ? 1 : Math.max(1, quantity)));
			// total_discount, or (newer API versions) the sum of the line's discount
			// allocations
			BigDecimal allocated = BigDecimal.ZERO;
			for (JsonNode allocation : Json.list(item, "discount_allocations")) {
				allocated = allocated.add(ShopMoney.orZero(ShopMoney.amount(allocation, "amount")));
			}
			BigDecimal net = gross.subtract(ShopMoney.orZero(ShopMoney.amount(item, "total_discount")).max(allocated));
			if (taxesIncluded) {
				for (JsonNode tax : Json.list(item, "tax_lines")) {
					net = net.subtract(ShopMoney.orZero(ShopMoney.amount(tax, "price")));
				}
			}
			Long productId = Json.number(item, "product_id");
			lines.add(new ShopOrder.Line(Json.text(item, "sku"), productId == null ? null : productId.toString(),
					Json.text(item, "title"), quantity, net));
		}
		List<String> coupons = new ArrayList<>();
		for (JsonNode discount : Json.list(order, "discount_codes")) {
			String code = Json.text(discount, "code");
			if (code != null && code.length() <= 64) {
				coupons.add(code);
			}
		}
		String referral = null;
		for (JsonNode attribute : Json.list(order, "note_attributes")) {
			String name = Json.text(attribute, "name");
			String value = Json.text(attribute, "value");
			if (name != null && REFERRAL_NAMES.contains(name) && value != null && value.length() <= 200) {
				referral = value;
				break;
			}
		}
		String email = Json.text(order, "email");
		if (email == null) {
			email = Json.text(order, "contact_email");
		}
		if (email == null) {
			email = Json.text(order, "customer", "email");
		}
		return new ShopOrder("shopify:" + id, email, Json.limit(Json.text(order, "customer", "first_name"), 100),
				Json.limit(Json.text(order, "customer", "last_name"), 100), Json.text(order, "currency"),
				ShopMoney.amount(order, "total_price"), lines, coupons, referral,
				time(Json.text(order, "processed_at")));
	}

	/**
	 * The refund of {@code refunds/create}: what its successful refund transactions paid
	 * back (of the order's gross), else the subtotal of its refunded lines (net). Null
	 * when it refunds no money (a restock only).
	 */
	static @Nullable ShopRefund refund(JsonNode refund) {
		Long id = Json.number(refund, "id");
		Long orderId = Json.number(refund, "order_id");
		if (id == null || orderId == null) {
			throw new ShopEventException("The Shopify refund has no id or order_id.");
		}
		BigDecimal paidBack = BigDecimal.ZERO;
		for (JsonNode transaction : Json.list(refund, "transactions")) {
			if ("refund".equals(Json.text(transaction, "kind")) && "success".equals(Json.text(transaction, "status"))) {
				paidBack = paidBack.add(ShopMoney.orZero(ShopMoney.amount(transaction, "amount")));
			}
		}
		boolean net = paidBack.signum() == 0;
		if (net) {
			for (JsonNode line : Json.list(refund, "refund_line_items")) {
				paidBack = paidBack.add(ShopMoney.orZero(ShopMoney.amount(line, "subtotal")));
			}
		}
		if (paidBack.signum() <= 0) {
			return null;
		}
		return new ShopRefund("shopify-refund:" + id, "shopify:" + orderId, paidBack.setScale(2), net, false);
	}

	static @Nullable Instant time(String iso) {
		if (iso == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(iso).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
