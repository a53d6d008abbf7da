package dev.partnerhub.programs;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RateTests {

	@Test
	void percentRoundsHalfUpToCents() {
		assertThat(Rate.percent("20").commissionFor(new BigDecimal("19.99"), 1)).isEqualByComparingTo("4.00");
		assertThat(Rate.percent("20").commissionFor(new BigDecimal("19.99"), 1).scale()).isEqualTo(2);
		// 12.5 % of 0.04 is exactly 0.005: half up, not half even
		assertThat(Rate.percent("12.5").commissionFor(new BigDecimal("0.04"), 1)).isEqualTo(new BigDecimal("0.01"));
		assertThat(Rate.percent("12.5").commissionFor(new BigDecimal("0.03"), 1)).isEqualTo(new BigDecimal("0.00"));
	}

	@Test
	void percentIgnoresQuantityBecauseTheLineNetAlreadyHasIt() {
		assertThat(Rate.percent("10").commissionFor(new BigDecimal("30.00"), 3)).isEqualTo(new BigDecimal("3.00"));
	}

	@Test
	void flatIsPerUnit() {
		assertThat(Rate.flat("5").commissionFor(new BigDecimal("100.00"), 3)).isEqualTo(new BigDecimal("15.00"));
		assertThat(Rate.flat("2.50").commissionFor(BigDecimal.ZERO, 1)).isEqualTo(new BigDecimal("2.50"));
	}

	@Test
	void rejectsImpossibleRates() {
		assertThatIllegalArgumentException().isThrownBy(() -> Rate.percent("100.01"));
		assertThatIllegalArgumentException().isThrownBy(() -> Rate.flat("-1"));
	}

	@Test
	void labels() {
		assertThat(Rate.percent("20.0000").label()).isEqualTo("20 %");
		assertThat(Rate.flat("5").label()).isEqualTo("5.00 flat");
	}

}
