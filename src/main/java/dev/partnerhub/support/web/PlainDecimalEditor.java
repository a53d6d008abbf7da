package dev.partnerhub.support.web;

import java.beans.PropertyEditorSupport;
import java.math.BigDecimal;

import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.MoneyInput;

/**
 * Binds a form's {@link BigDecimal} (prices, minimum payouts, rate values) through
 * {@link MoneyInput}'s syntax: a plain decimal with at most four places, no sign,
 * exponent, spaces or separators ({@code 1e3}, {@code +10}, {@code " 10.00 "}, {@code -5}
 * are field errors). Register it on every binder of a form with a BigDecimal:
 * {@code binder.registerCustomEditor(BigDecimal.class, new PlainDecimalEditor())}. An
 * editor, not a formatter, on purpose: when a conversion-service formatter refuses a
 * value, Spring's binder falls back to its default number editor, which takes
 * {@code 1e3}. The money rules (two decimals, {@code partnerhub.money.max-amount}) are
 * checked by the services ({@link MoneyInput#check}). A refused value is a binding error
 * whose cause is an {@link InvalidInputException} with a message for the user.
 */
public final class PlainDecimalEditor extends PropertyEditorSupport {

	/**
	 * Percent rates have up to four decimals; money is checked to two by the services.
	 */
	static final int MAX_DECIMALS = 4;

	@Override
	public void setAsText(String text) {
		if (text == null || text.isEmpty()) {
			setValue(null); // an empty box: the form's own @NotNull says what is missing
			return;
		}
		try {
			setValue(MoneyInput.parseDecimal(null, text, MAX_DECIMALS));
		}
		catch (InvalidInputException ex) {
			// an IllegalArgumentException is what the binder turns into a field error
			throw new IllegalArgumentException(ex.getMessage(), new InvalidInputException(null,
					"Enter a number such as 12.50 in plain digits: no sign, exponent, spaces or thousands separators."));
		}
	}

	@Override
	public String getAsText() {
		return getValue() == null ? "" : ((BigDecimal) getValue()).toPlainString();
	}

}
