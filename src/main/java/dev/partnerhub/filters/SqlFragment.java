package dev.partnerhub.filters;

import java.util.Map;

/**
 * A compiled filter: a boolean SQL expression with named bind parameters ({@code :f0_1},
 * ...) and their values. Put {@code sql} into a WHERE clause in parentheses and add
 * {@code params} to the query's parameters.
 */
public record SqlFragment(String sql, Map<String, Object> params) {

	public SqlFragment {
		params = Map.copyOf(params);
	}

}
