package dev.partnerhub.filters;

import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A group of conditions joined by {@code match} (all = AND, any = OR); entries may be
 * nested groups. {@code {"match": "all", "conditions": [{"field": "status", "op": "eq",
 * "value": "pending"}]}}. Validate and turn into SQL with {@link FilterCompiler}.
 */
@JsonPropertyOrder({ "match", "conditions" })
@tools.jackson.databind.annotation.JsonDeserialize(using = FilterJson.GroupDeserializer.class)
public record Filter(Match match, List<FilterNode> conditions) implements FilterNode {

	public Filter {
		conditions = conditions == null ? List.of() : List.copyOf(conditions);
	}

	/** Every condition must hold (AND). */
	public static Filter all(FilterNode... conditions) {
		return new Filter(Match.ALL, List.of(conditions));
	}

	/** At least one condition must hold (OR). */
	public static Filter any(FilterNode... conditions) {
		return new Filter(Match.ANY, List.of(conditions));
	}

	/** The empty top-level filter: every row. */
	public static Filter none() {
		return new Filter(Match.ALL, List.of());
	}

	/**
	 * e.g.
	 * {@code Status equal to pending AND (Product equal to ebook OR Product equal to course)}.
	 */
	@Override
	public String summary() {
		if (this.conditions.isEmpty()) {
			return "all records";
		}
		String joiner = " " + (this.match == null ? Match.ALL : this.match).word() + " ";
		return this.conditions.stream()
			.map(node -> node instanceof Filter group && group.conditions().size() > 1 ? "(" + group.summary() + ")"
					: node.summary())
			.collect(Collectors.joining(joiner));
	}

}
