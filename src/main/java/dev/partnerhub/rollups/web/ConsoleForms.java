package dev.partnerhub.rollups.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.propertyeditors.StringTrimmerEditor;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Form and list plumbing of the leaderboard and contest pages (conversion errors read
 * from the {@code typeMismatch.*} codes in messages.properties; list links).
 */
final class ConsoleForms {

	private ConsoleForms() {
	}

	static void configure(WebDataBinder binder) {
		binder.setAutoGrowCollectionLimit(100);
		binder.registerCustomEditor(String.class, new StringTrimmerEditor(true));
	}

	/**
	 * A domain error beside {@code field} when the form has it, otherwise above the form.
	 */
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
