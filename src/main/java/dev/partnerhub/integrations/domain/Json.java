package dev.partnerhub.integrations.domain;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Null-safe reads of an event's JSON, whatever the Stripe API version gave the field: a
 * string where a string is expected, else null. Text is cleaned of what PostgreSQL cannot
 * store (NUL, unpaired surrogates) and capped.
 */
final class Json {

	private Json() {
	}

	/**
	 * The node at a path of field names; a missing node when any step is absent or not an
	 * object.
	 */
	static JsonNode at(JsonNode node, String... path) {
		JsonNode current = node;
		for (String field : path) {
			if (current == null || !current.isObject()) {
				return tools.jackson.databind.node.MissingNode.getInstance();
			}
			current = current.path(field);
		}
		return current;
	}

	/** The string at a path, stripped; null when absent, not a string or blank. */
	static @Nullable String text(JsonNode node, String... path) {
		JsonNode value = at(node, path);
		if (!value.isString()) {
			return null;
		}
		String text = clean(value.stringValue()).strip();
		return text.isEmpty() ? null : text;
	}

	/**
	 * The id of an expandable field: the string itself, or the expanded object's
	 * {@code id}.
	 */
	static String id(JsonNode node, String... path) {
		JsonNode value = at(node, path);
		return value.isObject() ? text(value, "id") : text(node, path);
	}

	/** The integer at a path; null when absent or not an integer. */
	static Long number(JsonNode node, String... path) {
		JsonNode value = at(node, path);
		return value.isIntegralNumber() && value.canConvertToLong() ? value.longValue() : null;
	}

	static boolean bool(JsonNode node, String... path) {
		JsonNode value = at(node, path);
		return value.isBoolean() && value.booleanValue();
	}

	/**
	 * The elements of an array at a path, or of a Stripe list object's {@code data};
	 * empty when neither.
	 */
	static List<JsonNode> list(JsonNode node, String... path) {
		JsonNode value = at(node, path);
		if (value.isObject() && value.path("data").isArray()) {
			value = value.path("data");
		}
		List<JsonNode> out = new ArrayList<>();
		if (value.isArray()) {
			value.forEach(out::add);
		}
		return out;
	}

	/** At most {@code max} characters, without NUL and unpaired surrogates. */
	static @Nullable String clean(String text) {
		if (text == null) {
			return null;
		}
		StringBuilder out = new StringBuilder(Math.min(text.length(), 2000));
		for (int i = 0; i < text.length() && out.length() < 2000; i++) {
			char c = text.charAt(i);
			if (c == 0) {
				continue;
			}
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				out.append(c).append(text.charAt(++i));
			}
			else {
				out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
			}
		}
		return out.toString();
	}

	static String limit(String text, int max) {
		return text == null || text.length() <= max ? text : text.substring(0, max);
	}

}
