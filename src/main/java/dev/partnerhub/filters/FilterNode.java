package dev.partnerhub.filters;

import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * One entry of a filter's {@code conditions}: either a {@link Condition} ({@code {field,
 * op, value}}) or a nested {@link Filter} ({@code {match, conditions}}). JSON tells them
 * apart by the keys: {@code match} makes a group, {@code field} a condition.
 */
@JsonDeserialize(using = FilterJson.NodeDeserializer.class)
public sealed interface FilterNode permits Condition, Filter {

	/** In words, e.g. {@code Status equal to pending}; groups in parentheses. */
	String summary();

}
