package dev.partnerhub.support;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyInputTests {

	@ParameterizedTest
	@ValueSource(strings = { "1e3", "1E3", "1.0e2", "+10.00", "-10.00", "-0", " 10.00", "10.00 ", " 10.00 ", "10 .00",
			"12.345", "12.340", "1,000.00", "1 000", "10.", ".50", "007", "00.50", "0x10", "NaN", "Infinity", "١٢",
			"１２", "12.3\u0000", "12,50", "$12", "12USD", "1000000.01", "99999999999999999999" })
	void refusesEveryShapeButAPlainAmountWithinTheBound(String text) {
		assertThatThrownBy(() -> MoneyInput.parse("price", text)).isInstanceOf(InvalidInputException.class)
			.satisfies(ex -> assertThat(((InvalidInputException) ex).field()).isEqualTo("price"))
			.hasMessageStartingWith("'price' must");
		assertThat(MoneyInput.amountProblem(text)).isNotNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "0.5", "0.50", "12", "12.3", "12.34", "999999.99", "1000000", "1000000.00" })
	void takesPlainAmounts(String text) {
		BigDecimal amount = MoneyInput.parse("price", text);
		assertThat(amount).isEqualByComparingTo(text);
		assertThat(amount.scale()).isEqualTo(2);
	}

	@Test
	void missingIsRequiredAndOptionalMeansNull() {
		assertThatThrownBy(() -> MoneyInput.parse("amount", null)).hasMessage("'amount' is required.");
		assertThatThrownBy(() -> MoneyInput.parse("amount", "")).hasMessage("'amount' is required.");
		assertThat(MoneyInput.parseOptional("amount", "")).isNull();
	}

	@Test
	void theBoundIsNamedAndConfigurable() {
		assertThatThrownBy(() -> MoneyInput.parse("items[0].unitPrice", "1000000.01"))
			.hasMessage("'items[0].unitPrice' must not exceed 1,000,000.00.");
		assertThatThrownBy(() -> MoneyInput.check("amount", new BigDecimal("1000000000000")))
			.hasMessageContaining("must not exceed");
		assertThatThrownBy(() -> MoneyInput.check("amount", new BigDecimal("-1"))).hasMessageContaining("negative");
		assertThatThrownBy(() -> MoneyInput.check("amount", new BigDecimal("1.005")))
			.hasMessageContaining("two decimals");
		BigDecimal before = MoneyInput.maxAmount();
		try {
			MoneyInput.maxAmount(new BigDecimal("50"));
			assertThatThrownBy(() -> MoneyInput.parse("price", "50.01")).hasMessageContaining("50.00");
			assertThat(MoneyInput.parse("price", "50")).isEqualByComparingTo("50");
		}
		finally {
			MoneyInput.maxAmount(before);
		}
	}

	@Test
	void decimalsThatAreNotMoneyFollowTheSameSyntaxWithTheirOwnScale() {
		assertThat(MoneyInput.parseDecimal("rate", "1.08250000", 8)).isEqualByComparingTo("1.0825");
		assertThat(MoneyInput.parseDecimal("value", "12.5", 4)).isEqualByComparingTo("12.5");
		for (String bad : new String[] { "1e1", "+1", "-1", " 1", "1.123456789", "1.", "" }) {
			assertThatThrownBy(() -> MoneyInput.parseDecimal("rate", bad, 8)).as(bad)
				.isInstanceOf(InvalidInputException.class);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "usd", "Usd", "XXX", "XTS", "XAU", "XBA", "XDR", "ZZZ", "US", "USDD", " USD", "US1", "" })
	void currenciesAreRealIso4217CodesInUpperCase(String code) {
		assertThat(Currencies.isValid(code)).isFalse();
		assertThatThrownBy(() -> Currencies.require("currency", code)).isInstanceOf(InvalidInputException.class);
	}

	@Test
	void realCurrenciesPass() {
		for (String code : new String[] { "USD", "EUR", "GBP", "JPY", "CHF", "XAF", "XOF", "XCD", "XPF" }) {
			assertThat(Currencies.require("currency", code)).isEqualTo(code);
		}
		assertThat(Currencies.isValid(null)).isFalse();
	}

}
