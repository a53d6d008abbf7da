package dev.partnerhub.integrations.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import dev.partnerhub.orders.OrderApi;

/**
 * The order lines we make of a provider's sale, whichever provider sent it (Stripe
 * converts its minor units to money first, the shops send money).
 */
final class SaleLines {

	private SaleLines() {
	}

	/**
	 * A line of {@code net}: its quantity when the net divides into cents, else one unit
	 * of the whole net. A negative net books nothing.
	 */
	static OrderApi.Line line(String sku, Long quantity, BigDecimal net) {
		BigDecimal amount = net.max(BigDecimal.ZERO).setScale(2, RoundingMode.HALF_UP);
		int units = quantity == null || quantity < 1 || quantity > 1_000_000 ? 1 : quantity.intValue();
		BigDecimal unit = amount.divide(BigDecimal.valueOf(units), 2, RoundingMode.DOWN);
		if (unit.multiply(BigDecimal.valueOf(units)).compareTo(amount) != 0) {
			return new OrderApi.Line(sku, 1, amount);
		}
		return new OrderApi.Line(sku, units, unit);
	}

	static BigDecimal total(List<OrderApi.Line> lines) {
		return lines.stream()
			.map(l -> l.unitPrice().multiply(BigDecimal.valueOf(l.quantity())))
			.reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
	}

}
