package dev.partnerhub.orders.domain;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * SHA-256 of a canonical form of an order request: field order, JSON whitespace,
 * e-mail/sku/currency case and trailing zeros of prices do not matter; every value is
 * length-prefixed so no two bodies share a form.
 */
final class RequestHash {

	private RequestHash() {
	}

	static String of(PlaceOrder order) {
		StringBuilder canonical = new StringBuilder();
		field(canonical, order.orderId().strip());
		field(canonical, order.buyerKey());
		field(canonical, text(order.firstName()));
		field(canonical, text(order.lastName()));
		field(canonical, text(order.referral()));
		field(canonical, order.occurredAt() == null ? "" : order.occurredAt().toString());
		field(canonical, order.currency().strip().toUpperCase(Locale.ROOT));
		field(canonical, String.valueOf(order.isRecurring()));
		for (PlaceOrder.Item item : order.items()) {
			field(canonical, item.sku().strip().toLowerCase(Locale.ROOT));
			field(canonical, String.valueOf(item.quantity()));
			field(canonical, money(item.unitPrice()));
		}
		if (order.coupon() != null) {
			// only when present: the stored hashes of orders without a coupon stay valid
			// for their replays
			field(canonical, "coupon");
			field(canonical, order.coupon().toLowerCase(Locale.ROOT));
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void field(StringBuilder out, String value) {
		out.append(value.length()).append(':').append(value).append(';');
	}

	private static String text(String value) {
		return value == null ? "" : value.strip();
	}

	private static String money(BigDecimal value) {
		return value.setScale(2).toPlainString();
	}

}
