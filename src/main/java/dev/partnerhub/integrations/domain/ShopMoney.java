package dev.partnerhub.integrations.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * WooCommerce and Shopify send money as decimal strings in the currency's major unit
 * ({@code "19.99"}; WooCommerce may send more decimals, and a refund's total negative):
 * read exactly, kept as money with two decimals.
 */
final class ShopMoney {

	private ShopMoney() {
	}

	static String currency(String code) {
		if (code == null || !code.strip().matches("[A-Za-z]{3}")) {
			throw new ShopEventException("The order has no valid currency: " + Json.limit(code, 20));
		}
		String upper = code.strip().toUpperCase(Locale.ROOT);
		try {
			Currency.getInstance(upper);
		}
		catch (IllegalArgumentException ex) {
			throw new ShopEventException("Unknown currency " + upper + ".");
		}
		return upper;
	}

	/**
	 * The decimal string (or number) at a path as money; null when absent; a
	 * ShopEventException when no amount.
	 */
	static @Nullable BigDecimal amount(JsonNode node, String... path) {
		JsonNode value = Json.at(node, path);
		String text = value.isString() ? value.stringValue().strip() : value.isNumber() ? value.asString() : null;
		if (text == null || text.isEmpty()) {
			return null;
		}
		if (!text.matches("-?\\d{1,15}(\\.\\d{1,8})?")) {
			throw new ShopEventException("Not an amount: " + Json.limit(Json.clean(text), 30));
		}
		return new BigDecimal(text).setScale(2, RoundingMode.HALF_UP);
	}

	static BigDecimal orZero(BigDecimal amount) {
		return amount == null ? BigDecimal.ZERO.setScale(2) : amount;
	}

}
