package dev.partnerhub.integrations.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads WooCommerce's REST order JSON (the body of {@code order.created} /
 * {@code order.updated}): the order, whether it is paid ({@code processing},
 * {@code completed}), and the refunds it lists. No state; pure functions.
 */
final class WooCommerceOrders {

	/**
	 * Statuses of a paid order; {@code refunded} was paid too, but is booked only through
	 * its earlier paid update.
	 */
	static final Set<String> PAID = Set.of("processing", "completed");

	/**
	 * The meta keys that carry the referral ({@code _ph_ref}: the same, hidden from the
	 * order screen).
	 */
	static final Set<String> REFERRAL_KEYS = Set.of("ph_ref", "_ph_ref", "referral");

	private WooCommerceOrders() {
	}

	record Read(String status, ShopOrder order, List<ShopRefund> refunds) {

		boolean paid() {
			return PAID.contains(this.status);
		}

	}

	static Read read(JsonNode order) {
		Long id = Json.number(order, "id");
		if (id == null || id <= 0) {
			throw new ShopEventException("The WooCommerce order has no id.");
		}
		String orderId = "woo:" + id;
		String status = Json.text(order, "status");
		List<ShopOrder.Line> lines = new ArrayList<>();
		for (JsonNode item : Json.list(order, "line_items")) {
			Long productId = Json.number(item, "product_id");
			lines.add(new ShopOrder.Line(Json.text(item, "sku"),
					productId == null || productId == 0 ? null : productId.toString(), Json.text(item, "name"),
					Json.number(item, "quantity"), ShopMoney.orZero(ShopMoney.amount(item, "total"))));
		}
		List<String> coupons = new ArrayList<>();
		for (JsonNode coupon : Json.list(order, "coupon_lines")) {
			String code = Json.text(coupon, "code");
			if (code != null && code.length() <= 64) {
				coupons.add(code);
			}
		}
		String referral = null;
		for (JsonNode meta : Json.list(order, "meta_data")) {
			String key = Json.text(meta, "key");
			String value = Json.text(meta, "value");
			if (key != null && REFERRAL_KEYS.contains(key) && value != null && value.length() <= 200) {
				referral = value;
				break;
			}
		}
		Instant at = time(Json.text(order, "date_paid_gmt"));
		ShopOrder read = new ShopOrder(orderId, Json.text(order, "billing", "email"),
				Json.limit(Json.text(order, "billing", "first_name"), 100),
				Json.limit(Json.text(order, "billing", "last_name"), 100), Json.text(order, "currency"),
				ShopMoney.amount(order, "total"), lines, coupons, referral,
				at != null ? at : time(Json.text(order, "date_created_gmt")));
		return new Read(status, read, refunds(orderId, status, order));
	}

	/**
	 * The refunds the order lists; when it is {@code refunded}, the last of them takes
	 * whatever is left.
	 */
	private static List<ShopRefund> refunds(String orderId, String status, JsonNode order) {
		List<JsonNode> listed = new ArrayList<>(Json.list(order, "refunds"));
		listed.removeIf(refund -> Json.number(refund, "id") == null);
		listed.sort(Comparator.comparing(refund -> Json.number(refund, "id")));
		List<ShopRefund> refunds = new ArrayList<>();
		for (int i = 0; i < listed.size(); i++) {
			JsonNode refund = listed.get(i);
			BigDecimal total = ShopMoney.amount(refund, "total");
			if (total == null || total.signum() == 0) {
				continue;
			}
			boolean last = i == listed.size() - 1;
			refunds.add(new ShopRefund("woo-refund:" + Json.number(refund, "id"), orderId, total.abs(), false,
					last && "refunded".equals(status)));
		}
		return refunds;
	}

	/**
	 * WooCommerce's {@code *_gmt} dates: {@code 2017-03-22T16:28:08} in UTC, without a
	 * zone.
	 */
	static @Nullable Instant time(String gmt) {
		if (gmt == null) {
			return null;
		}
		try {
			return LocalDateTime.parse(gmt).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
