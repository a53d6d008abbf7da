package dev.partnerhub.mail;

import java.util.Map;

/**
 * SPI: a module that knows something about a partner contributes merge fields to e-mail
 * templates without the mail module depending on it. Implement it as a Spring bean in
 * your module; every bean's fields are merged (later beans do not override earlier keys
 * unless they mean to: pick distinct names, e.g. prefix rollup fields).
 * <p>
 * Values should be plain data the restricted template language can read: strings,
 * numbers, booleans, and lists or maps of those (templates can only read properties of
 * maps, e.g. {@code [[${tool.link}]]}; method calls are refused). A field name must be a
 * Java identifier ({@code pendingTotal}, {@code rollup_sales}).
 */
public interface MergeFieldSource {

	/**
	 * The partner's fields; empty when this source knows nothing about him. Called in the
	 * caller's transaction.
	 */
	Map<String, Object> fieldsFor(long partnerId);

	/** Field name → a one-line description, for the template editor's field list. */
	default Map<String, String> describe() {
		return Map.of();
	}

}
