package dev.partnerhub.orders.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import dev.partnerhub.commissions.Refund;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrderAllocationTests {

	@Test
	void splitsProRataWithTheRemainderOnTheLastLine() {
		List<BigDecimal> parts = Allocation.split(new BigDecimal("10.00"),
				List.of(new BigDecimal("1.00"), new BigDecimal("1.00"), new BigDecimal("1.00")));
		assertThat(parts).extracting(BigDecimal::toPlainString).containsExactly("3.33", "3.33", "3.34");
	}

	@Test
	void partsAlwaysSumExactly() {
		java.util.Random random = new java.util.Random(42);
		for (int run = 0; run < 2_000; run++) {
			int n = 1 + random.nextInt(6);
			List<BigDecimal> weights = new java.util.ArrayList<>();
			for (int i = 0; i < n; i++) {
				weights.add(BigDecimal.valueOf(random.nextInt(100_000), 2));
			}
			BigDecimal amount = BigDecimal.valueOf(1 + random.nextInt(1_000_000), 2);
			List<BigDecimal> parts = Allocation.split(amount, weights);
			assertThat(parts.stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(amount);
			assertThat(parts).allSatisfy(part -> assertThat(part.scale()).isEqualTo(2));
		}
	}

	@Test
	void zeroWeightsPutEverythingOnTheLastLine() {
		assertThat(Allocation.split(new BigDecimal("5.00"), List.of(BigDecimal.ZERO, BigDecimal.ZERO)))
			.extracting(BigDecimal::toPlainString)
			.containsExactly("0.00", "5.00");
	}

	@Test
	void refundIsSplitOverItemsAndChargesAndSumsToTheRefund() {
		Instant t = Instant.parse("2026-01-01T00:00:00Z");
		Order order = new Order(1, "o", 1, "e@x", "USD", "open", true, t, new BigDecimal("30.00"), "h", null, null,
				List.of(new Order.Item(11, 1, 1, "A", 1, new BigDecimal("10.00"), new BigDecimal("10.00")),
						new Order.Item(12, 2, 2, "B", 2, new BigDecimal("10.00"), new BigDecimal("20.00"))),
				List.of(new Order.Charge(21, "c1", new BigDecimal("10.00"), t)), List.of());
		List<Refund.Part> parts = OrderPayments.refundParts(order, new BigDecimal("7.00"));
		assertThat(parts).hasSize(4);
		assertThat(parts).extracting(Refund.Part::chargeId).containsExactly(null, null, 21L, 21L);
		// charge 10.00 split 3.33 / 6.67 over the item nets 10 : 20
		assertThat(parts).extracting(p -> p.base().toPlainString()).containsExactly("10.00", "20.00", "3.33", "6.67");
		assertThat(parts.stream().map(Refund.Part::refunded).reduce(BigDecimal.ZERO, BigDecimal::add))
			.isEqualByComparingTo("7.00");
		assertThat(parts).extracting(p -> p.refunded().toPlainString()).containsExactly("1.75", "3.50", "0.58", "1.17");
	}

	@Test
	void requestHashIgnoresCaseAndTrailingZerosButNotValues() {
		PlaceOrder a = new PlaceOrder("o1", "A@X.com", null, null, "code", null, "usd", null,
				List.of(new PlaceOrder.Item("SKU", 1, new BigDecimal("9.9"))));
		PlaceOrder b = new PlaceOrder("o1", "a@x.com", "", null, "code", null, "USD", false,
				List.of(new PlaceOrder.Item("sku", 1, new BigDecimal("9.90"))));
		PlaceOrder c = new PlaceOrder("o1", "a@x.com", null, null, "code", null, "USD", false,
				List.of(new PlaceOrder.Item("sku", 2, new BigDecimal("9.90"))));
		assertThat(RequestHash.of(a)).isEqualTo(RequestHash.of(b)).isNotEqualTo(RequestHash.of(c));
	}

}
