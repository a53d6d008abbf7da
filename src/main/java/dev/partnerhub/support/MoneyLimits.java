package dev.partnerhub.support;

import java.math.BigDecimal;

import org.springframework.stereotype.Component;

/**
 * Applies {@code partnerhub.money.max-amount} (default 1,000,000.00) to
 * {@link MoneyInput} at start-up.
 */
@Component
class MoneyLimits {

	MoneyLimits(PartnerhubProperties properties) {
		MoneyInput.maxAmount(properties.money().maxAmount());
	}

}
