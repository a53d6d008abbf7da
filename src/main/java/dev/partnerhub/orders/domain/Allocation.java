package dev.partnerhub.orders.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an amount over weights pro rata, in cents, rounding HALF_UP; the rounding
 * remainder goes to the last line so the parts always sum to exactly the amount.
 */
public final class Allocation {

	private Allocation() {
	}

	public static List<BigDecimal> split(BigDecimal amount, List<BigDecimal> weights) {
		if (weights.isEmpty()) {
			throw new IllegalArgumentException("Nothing to split over.");
		}
		BigDecimal total = weights.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
		List<BigDecimal> parts = new ArrayList<>(weights.size());
		BigDecimal assigned = BigDecimal.ZERO.setScale(2);
		for (int i = 0; i < weights.size() - 1; i++) {
			// All-zero weights (free lines only): everything lands on the last line.
			BigDecimal part = total.signum() == 0 ? BigDecimal.ZERO.setScale(2)
					: amount.multiply(weights.get(i)).divide(total, 2, RoundingMode.HALF_UP);
			parts.add(part);
			assigned = assigned.add(part);
		}
		parts.add(amount.subtract(assigned).setScale(2, RoundingMode.UNNECESSARY));
		return parts;
	}

}
