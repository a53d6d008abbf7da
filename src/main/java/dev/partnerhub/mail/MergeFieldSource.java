package dev.partnerhub.mail;

import java.util.Map;

/**
 * SPI: a module that knows something about a partner contributes merge fields to e-mail
 * templates without the mail module depending on it. Implement it as a Spring bean in
 * your module; every bean's fields are merged (later beans do not override earlier keys
 * unless they mean to: pick distinct names, e.g. prefix rollup fields).
 * <p>
 * Values should be plain data: strings, numbers, booleans, and lists of maps of those
 * (templates read a list's items in a loop, {@code {{#each promoTools as
 * tool}}{{tool.link}}{{/each}}}, and nothing else: see {@code support.merge.MergeText}).
 * A field name is letters, digits and {@code _} ({@code pendingTotal},
 * {@code rollup_sales}); describe a list's item fields as {@code promoTools.link} so the
 * check on save knows them.
 */
public interface MergeFieldSource {

	/**
	 * The partner's fields; empty when this source knows nothing about him. Called in the
	 * caller's transaction.
	 */
	Map<String, Object> fieldsFor(long partnerId);

	/**
	 * Field name → a one-line description, for the editors' field lists and the check on
	 * save (a field not described here is an unknown field).
	 */
	default Map<String, String> describe() {
		return Map.of();
	}

}
