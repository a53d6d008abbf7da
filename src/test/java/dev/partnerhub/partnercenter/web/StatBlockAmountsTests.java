package dev.partnerhub.partnercenter.web;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stat block shows an amount per currency, his program's first, never one sum over
 * currencies.
 */
class StatBlockAmountsTests {

	@Test
	void oneAmountPerCurrencyProgramCurrencyFirst() {
		Map<String, BigDecimal> sums = new TreeMap<>(
				Map.of("EUR", new BigDecimal("4.00"), "USD", new BigDecimal("12.50"), "GBP", new BigDecimal("0.00")));
		assertThat(BlockRenderer.amounts(sums, "USD")).isEqualTo("12.50 USD · 4.00 EUR");
		assertThat(BlockRenderer.amounts(Map.of("EUR", new BigDecimal("4.00")), "USD"))
			.isEqualTo("0.00 USD · 4.00 EUR");
		assertThat(BlockRenderer.amounts(Map.of(), "USD")).isEqualTo("0.00 USD");
	}

}
