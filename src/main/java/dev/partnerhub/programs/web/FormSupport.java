package dev.partnerhub.programs.web;

import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.web.PlainDecimalEditor;

import org.springframework.beans.PropertyAccessException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.propertyeditors.StringTrimmerEditor;
import org.springframework.validation.BindingResult;
import org.springframework.validation.DefaultBindingErrorProcessor;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.WebDataBinder;

/** Console form plumbing shared by the programs, products and settings pages. */
final class FormSupport {

	private FormSupport() {
	}

	/**
	 * Blank text becomes null (so "no approval delay" is an empty box), and "abc" in a number box becomes a readable
	 * field error instead of Spring's conversion message (there is no message bundle to translate the code).
	 */
	static void configure(WebDataBinder binder) {
		binder.setAutoGrowCollectionLimit(10_000);
		binder.registerCustomEditor(String.class, new StringTrimmerEditor(true));
		// prices, minimum payouts and rate values: plain decimals only (support.MoneyInput), never 1e3 or +10
		binder.registerCustomEditor(java.math.BigDecimal.class, new PlainDecimalEditor());
		binder.setBindingErrorProcessor(new DefaultBindingErrorProcessor() {
			@Override
			public void processPropertyAccessException(PropertyAccessException ex, BindingResult result) {
				String field = ex.getPropertyName();
				String message = "This value is not valid.";
				if (ex.getMostSpecificCause() instanceof InvalidInputException invalid) {
					// a decimal refused by PlainDecimalEditor: its message says what is wrong
					message = invalid.getMessage();
				}
				else if (ex instanceof TypeMismatchException mismatch && mismatch.getRequiredType() != null) {
					Class<?> type = mismatch.getRequiredType();
					if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
						message = "Enter a whole number.";
					}
					else if (Number.class.isAssignableFrom(type)) {
						message = "Enter a number such as 12.50.";
					}
				}
				result.addError(new FieldError(result.getObjectName(), field, ex.getValue(), true,
						result.resolveMessageCodes(ex.getErrorCode(), field), null, message));
			}
		});
	}

	/** Shows a domain error beside {@code field} when the form has one, otherwise at the top of the form. */
	static void reject(BindingResult result, String field, String message) {
		if (field != null && result.getFieldType(field) != null) {
			result.rejectValue(field, "invalid", message);
		}
		else {
			result.reject("invalid", message);
		}
	}

}
