package dev.partnerhub.orders.domain;

import java.math.BigDecimal;

import dev.partnerhub.support.Currencies;
import dev.partnerhub.support.IpAddresses;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.MoneyInput;

/**
 * The checks an order command passes before anything is stored: ids, e-mail, names,
 * items, amounts.
 */
final class OrderChecks {

	private OrderChecks() {
	}

	static void validate(PlaceOrder c, int maxQuantity) {
		requireId("orderId", c.orderId());
		if (c.email() == null || c.email().isBlank() || c.email().strip().length() > 254 || !c.email().contains("@")) {
			throw new InvalidInputException("email", "A valid e-mail address is required.");
		}
		if (c.firstName() != null && c.firstName().length() > 100) {
			throw new InvalidInputException("firstName", "First name is at most 100 characters.");
		}
		if (c.lastName() != null && c.lastName().length() > 100) {
			throw new InvalidInputException("lastName", "Last name is at most 100 characters.");
		}
		if (c.ip() != null && IpAddresses.parse(c.ip()).isEmpty()) {
			throw new InvalidInputException("ip", "ip must be an IPv4 or IPv6 address such as 203.0.113.7.");
		}
		if (c.coupon() != null && c.coupon().length() > 64) {
			throw new InvalidInputException("couponCode", "A coupon code is at most 64 characters.");
		}
		Currencies.require("currency", c.currency());
		if (c.items() == null || c.items().isEmpty()) {
			throw new InvalidInputException("items", "An order needs at least one item.");
		}
		for (int i = 0; i < c.items().size(); i++) {
			PlaceOrder.Item item = c.items().get(i);
			String field = "items[" + i + "]";
			if (item == null) {
				throw new InvalidInputException(field, "Item must not be null.");
			}
			if (item.sku() == null || item.sku().isBlank() || item.sku().length() > 64) {
				throw new InvalidInputException(field + ".sku", "Each item needs a sku.");
			}
			if (item.quantity() == null || item.quantity() <= 0) {
				throw new InvalidInputException(field + ".quantity", "Quantity must be a whole number of 1 or more.");
			}
			if (item.quantity() > maxQuantity) {
				throw new InvalidInputException(field + ".quantity", "Quantity must not exceed " + maxQuantity + ".");
			}
			requireMoney(field + ".unitPrice", item.unitPrice(), true);
			BigDecimal line = item.unitPrice().multiply(BigDecimal.valueOf(item.quantity()));
			if (line.precision() - line.scale() > 15) {
				throw new InvalidInputException(field + ".unitPrice", "The line amount is too large.");
			}
		}
	}

	static void requireId(String field, String value) {
		if (value == null || value.isBlank() || value.strip().length() > 100) {
			throw new InvalidInputException(field, field + " is required (at most 100 characters).");
		}
	}

	/**
	 * Already parsed strictly from JSON (support.MoneyInput); checked again for callers
	 * in code.
	 */
	static void requireMoney(String field, BigDecimal value, boolean zeroAllowed) {
		if (value == null) {
			throw new InvalidInputException(field, field + " is required.");
		}
		MoneyInput.check(field, value);
		if (!zeroAllowed && value.signum() == 0) {
			throw new InvalidInputException(field, field + " must be more than 0.");
		}
	}

}
