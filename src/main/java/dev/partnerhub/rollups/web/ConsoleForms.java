package dev.partnerhub.rollups.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.PropertyAccessException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.propertyeditors.StringTrimmerEditor;
import org.springframework.validation.BindingResult;
import org.springframework.validation.DefaultBindingErrorProcessor;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.util.UriComponentsBuilder;

/** Form and list plumbing of the leaderboard and contest pages (readable conversion errors, list links). */
final class ConsoleForms {

	private ConsoleForms() {
	}

	static void configure(WebDataBinder binder) {
		binder.setAutoGrowCollectionLimit(100);
		binder.registerCustomEditor(String.class, new StringTrimmerEditor(true));
		binder.setBindingErrorProcessor(new DefaultBindingErrorProcessor() {
			@Override
			public void processPropertyAccessException(PropertyAccessException ex, BindingResult result) {
				String field = ex.getPropertyName();
				String message = "This value is not valid.";
				if (ex instanceof TypeMismatchException mismatch && mismatch.getRequiredType() != null) {
					Class<?> type = mismatch.getRequiredType();
					if (type == java.time.LocalDate.class) {
						message = "Enter a date such as 2026-01-31.";
					}
					else if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
						message = "Pick a value from the list.";
					}
				}
				result.addError(new FieldError(result.getObjectName(), field, ex.getValue(), true,
						result.resolveMessageCodes(ex.getErrorCode(), field), null, message));
			}
		});
	}

	/** A domain error beside {@code field} when the form has it, otherwise above the form. */
	static void reject(BindingResult result, String field, String message) {
		if (field != null && result.getFieldType(field) != null) {
			result.rejectValue(field, "invalid", message);
		}
		else {
			result.reject("invalid", message);
		}
	}

	/** The current list URL with its parameters, for page links. */
	static UriComponentsBuilder current(HttpServletRequest request) {
		UriComponentsBuilder builder = UriComponentsBuilder.fromPath(request.getRequestURI());
		request.getParameterMap().forEach((name, values) -> {
			if (!name.startsWith("_")) {
				builder.queryParam(name, (Object[]) values);
			}
		});
		return builder;
	}

}
