package dev.partnerhub.audit;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The compact before/after text of an audit entry: only the fields that differ, as
 * {@code name=value; ...} in the order the caller listed them. A null value reads
 * {@code none}.
 */
public record Changes(String before, String after) {

	public static Changes between(Map<String, ?> before, Map<String, ?> after) {
		Set<String> keys = new LinkedHashSet<>(before.keySet());
		keys.addAll(after.keySet());
		Map<String, Object> changedBefore = new LinkedHashMap<>();
		Map<String, Object> changedAfter = new LinkedHashMap<>();
		for (String key : keys) {
			String was = text(before.get(key));
			String now = text(after.get(key));
			if (!Objects.equals(was, now)) {
				changedBefore.put(key, was);
				changedAfter.put(key, now);
			}
		}
		return changedBefore.isEmpty() ? new Changes(null, null)
				: new Changes(describe(changedBefore), describe(changedAfter));
	}

	/** Every field, for a creation (after only) or a removal (before only). */
	public static String describe(Map<String, ?> values) {
		StringJoiner text = new StringJoiner("; ");
		values.forEach((key, value) -> text.add(key + "=" + text(value)));
		return text.toString();
	}

	/** Nothing changed: callers record no entry for a save that changed nothing. */
	public boolean isEmpty() {
		return this.before == null && this.after == null;
	}

	private static String text(Object value) {
		return value == null ? "none" : value.toString();
	}

}
