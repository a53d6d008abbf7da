package dev.partnerhub.filters;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.partnerhub.support.InvalidInputException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The filter's JSON shape, read strictly with messages that name the path
 * ({@code filter.conditions[1].op: ...}): a node with {@code match} is a group, with
 * {@code field} a condition; other keys are refused. Values may be JSON strings, numbers
 * or booleans (kept as text). Also used for the JSONB column.
 */
public final class FilterJson {

	private static final Set<String> GROUP_KEYS = Set.of("match", "conditions");

	private static final Set<String> CONDITION_KEYS = Set.of("field", "op", "value");

	private static final ObjectMapper MAPPER = JsonMapper.builder().build();

	private FilterJson() {
	}

	/**
	 * Reads a top-level filter; {@code path} prefixes messages (usually
	 * {@code "filter"}).
	 */
	public static Filter parse(JsonNode node, String path) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			throw new InvalidInputException(path,
					path + ": a filter is required, e.g. {\"match\": \"all\", " + "\"conditions\": []}");
		}
		FilterNode parsed = node(node, path);
		if (parsed instanceof Filter filter) {
			return filter;
		}
		throw new InvalidInputException(path, path + ": must be a group {\"match\": \"all\"|\"any\", \"conditions\": "
				+ "[...]}, not a single condition");
	}

	/** Reads a filter stored or sent as JSON text. */
	public static Filter parse(String json, String path) {
		JsonNode node;
		try {
			node = MAPPER.readTree(json);
		}
		catch (RuntimeException ex) {
			throw new InvalidInputException(path, path + ": not valid JSON");
		}
		return parse(node, path);
	}

	public static String toJson(Filter filter) {
		return MAPPER.writeValueAsString(tree(filter));
	}

	public static JsonNode tree(FilterNode node) {
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		ObjectNode object = nodes.objectNode();
		if (node instanceof Filter filter) {
			object.put("match", (filter.match() == null ? Match.ALL : filter.match()).value());
			ArrayNode array = object.putArray("conditions");
			filter.conditions().forEach(child -> array.add(tree(child)));
		}
		else if (node instanceof Condition condition) {
			object.put("field", condition.field());
			object.put("op", condition.op() == null ? null : condition.op().value());
			object.put("value", condition.value());
		}
		return object;
	}

	static FilterNode node(JsonNode node, String path) {
		if (!node.isObject()) {
			throw new InvalidInputException(path, path + ": must be an object (a condition or a group)");
		}
		boolean group = node.has("match") || node.has("conditions");
		boolean condition = node.has("field") || node.has("op") || node.has("value");
		if (group && condition) {
			throw new InvalidInputException(path, path + ": a node is either a group (match, conditions) or a "
					+ "condition (field, op, value), not both");
		}
		Set<String> allowed = group ? GROUP_KEYS : CONDITION_KEYS;
		for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext();) {
			String key = it.next().getKey();
			if (!allowed.contains(key)) {
				throw new InvalidInputException(path, path + ": unknown key '" + key + "' (a "
						+ (group ? "group has match and conditions" : "condition has field, op and value") + ")");
			}
		}
		if (group) {
			JsonNode match = node.get("match");
			Match parsedMatch;
			if (match == null || match.isNull()) {
				parsedMatch = Match.ALL;
			}
			else {
				try {
					parsedMatch = Match.of(match.isString() ? match.asString() : match.toString());
				}
				catch (IllegalArgumentException ex) {
					throw new InvalidInputException(path + ".match", path + ".match: " + ex.getMessage());
				}
			}
			JsonNode conditions = node.get("conditions");
			List<FilterNode> children = new ArrayList<>();
			if (conditions != null && !conditions.isNull()) {
				if (!conditions.isArray()) {
					throw new InvalidInputException(path + ".conditions", path + ".conditions: must be a list");
				}
				for (int i = 0; i < conditions.size(); i++) {
					children.add(node(conditions.get(i), path + ".conditions[" + i + "]"));
				}
			}
			return new Filter(parsedMatch, children);
		}
		String field = text(node.get("field"));
		String opText = text(node.get("op"));
		Op op = null;
		if (opText != null) {
			try {
				op = Op.of(opText);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException(path + ".op", path + ".op: " + ex.getMessage());
			}
		}
		return new Condition(field, op, text(node.get("value")));
	}

	private static @Nullable String text(JsonNode value) {
		if (value == null || value.isNull()) {
			return null;
		}
		if (value.isValueNode()) {
			return value.asString();
		}
		return value.toString();
	}

	/** Jackson entry for {@link FilterNode}: a group or a condition. */
	static final class NodeDeserializer extends ValueDeserializer<FilterNode> {

		@Override
		public FilterNode deserialize(JsonParser p, DeserializationContext ctxt) {
			JsonNode tree = ctxt.readTree(p);
			try {
				return node(tree, "filter");
			}
			catch (InvalidInputException ex) {
				return ctxt.reportInputMismatch(FilterNode.class, ex.getMessage());
			}
		}

	}

	/** Jackson entry for {@link Filter}: must be a group. */
	static final class GroupDeserializer extends ValueDeserializer<Filter> {

		@Override
		public Filter deserialize(JsonParser p, DeserializationContext ctxt) {
			JsonNode tree = ctxt.readTree(p);
			try {
				return parse(tree, "filter");
			}
			catch (InvalidInputException ex) {
				return ctxt.reportInputMismatch(Filter.class, ex.getMessage());
			}
		}

	}

	/** Jackson entry for {@link Condition}. */
	static final class ConditionDeserializer extends ValueDeserializer<Condition> {

		@Override
		public Condition deserialize(JsonParser p, DeserializationContext ctxt) {
			JsonNode tree = ctxt.readTree(p);
			try {
				if (node(tree, "condition") instanceof Condition condition) {
					return condition;
				}
				return ctxt.reportInputMismatch(Condition.class, "condition: expected {field, op, value}");
			}
			catch (InvalidInputException ex) {
				return ctxt.reportInputMismatch(Condition.class, ex.getMessage());
			}
		}

	}

}
