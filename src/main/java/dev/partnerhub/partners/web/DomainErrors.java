package dev.partnerhub.partners.web;

import java.util.Map;

import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;

import org.springframework.validation.BindingResult;

/**
 * Puts a domain rule's refusal beside the form field it is about (the domain names fields
 * its own way).
 */
final class DomainErrors {

	private DomainErrors() {
	}

	/**
	 * @param fields domain field name → form field name; unknown fields become a
	 * form-wide error
	 */
	static void reject(BindingResult result, RuntimeException ex, Map<String, String> fields) {
		String field = ex instanceof ConflictException conflict ? conflict.field()
				: ex instanceof InvalidInputException invalid ? invalid.field() : null;
		String formField = field == null ? null : fields.get(field);
		if (formField != null) {
			result.rejectValue(formField, "domain", ex.getMessage());
		}
		else {
			result.reject("domain", ex.getMessage());
		}
	}

}
