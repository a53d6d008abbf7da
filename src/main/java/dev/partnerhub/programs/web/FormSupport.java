package dev.partnerhub.programs.web;

import dev.partnerhub.support.web.PlainDecimalEditor;

import org.springframework.beans.propertyeditors.StringTrimmerEditor;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;

/** Console form plumbing shared by the programs, products and settings pages. */
final class FormSupport {

	private FormSupport() {
	}

	/**
	 * Blank text becomes null (so "no approval delay" is an empty box). "abc" in a number
	 * box is a readable field error through the {@code typeMismatch.*} codes in
	 * messages.properties.
	 */
	static void configure(WebDataBinder binder) {
		binder.setAutoGrowCollectionLimit(10_000);
		binder.registerCustomEditor(String.class, new StringTrimmerEditor(true));
		// prices, minimum payouts and rate values: plain decimals only
		// (support.MoneyInput), never 1e3 or +10
		binder.registerCustomEditor(java.math.BigDecimal.class, new PlainDecimalEditor());
	}

	/**
	 * Shows a domain error beside {@code field} when the form has one, otherwise at the
	 * top of the form.
	 */
	static void reject(BindingResult result, String field, String message) {
		if (field != null && result.getFieldType(field) != null) {
			result.rejectValue(field, "invalid", message);
		}
		else {
			result.reject("invalid", message);
		}
	}

}
