package dev.partnerhub.contacts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Optional extension point: extra value columns (rollup fields) that the contact and
 * partner lists can show, sort and filter by. Implemented by the rollups module (which
 * depends on partners and contacts — so contacts and partners cannot call it directly);
 * lists look it up with an {@code ObjectProvider} and work without it. Values are the
 * stored ones (at most about a second behind the raw rows), read in the list's own SQL so
 * paging stays exact.
 */
public interface ContactListColumns {

	/** Money shows as a two-decimal amount, a count as a whole number. */
	enum Kind {

		MONEY, COUNT

	}

	/**
	 * A column to offer; {@code key} is what {@code cols=} and {@code sort=<key>,desc}
	 * carry, e.g. {@code rollup:7}.
	 */
	record Column(String key, String label, Kind kind) {

		/** "—" for no value (average/min/max of nothing). */
		public String format(BigDecimal value) {
			if (value == null) {
				return "—";
			}
			return this.kind == Kind.COUNT ? value.setScale(0, RoundingMode.HALF_UP).toPlainString()
					: value.setScale(2, RoundingMode.HALF_UP).toPlainString();
		}

	}

	/**
	 * A column's value for the list's contact: {@code join} (a LEFT JOIN matching at most
	 * one row, to append after the list's FROM), {@code sql} (the value expression over
	 * it, NULL when there is no value) and named bind parameters (prefixed with the alias
	 * the list chose, so they never clash with the list's own).
	 */
	record Value(String join, String sql, Map<String, Object> params) {

		public Value {
			params = Map.copyOf(params);
		}

	}

	/** Every column a list may show, by label. */
	List<Column> columns();

	/**
	 * The value of column {@code key} for the contact {@code contactIdSql} (the outer
	 * query's contact id expression, code such as {@code c.id}); {@code alias} names the
	 * join and prefixes its parameters (code: letters, digits, underscores). Empty for an
	 * unknown key.
	 */
	Optional<Value> value(String key, String contactIdSql, String alias);

	default Optional<Column> column(String key) {
		return columns().stream().filter(c -> c.key().equals(key)).findFirst();
	}

}
