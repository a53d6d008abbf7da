package dev.partnerhub.rollups.domain;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import dev.partnerhub.filters.FilterCompiler;
import dev.partnerhub.filters.SqlFragment;
import dev.partnerhub.rollups.Relationship;
import dev.partnerhub.rollups.RollupField;

/**
 * The SQL of one rollup over a set of partners: an aggregate of the relationship's rows
 * grouped by owning partner. Identifiers come from the {@link Relationship} enum (code),
 * filter values are bind parameters. Money aggregates (sum/avg/min/max) take only rows in
 * the currency of the partner's current program.
 */
final class RollupSql {

	private RollupSql() {
	}

	/**
	 * {@code select t.<owner> as owner, <agg> as v from ... where owner = any(:ids) and filter group by owner}.
	 */
	static String aggregate(RollupField field, SqlFragment filter) {
		Relationship r = field.relationship();
		String value = field.field() == null ? null : r.catalog().find(field.field()).orElseThrow().sql();
		String aggregate = switch (field.function()) {
			case SUM -> "sum(" + value + ")";
			case COUNT -> "count(*)";
			case AVG -> "round(avg(" + value + "), 2)";
			case MIN -> "min(" + value + ")";
			case MAX -> "max(" + value + ")";
		};
		// Sums, averages, minima and maxima are over money (commission amounts, order
		// totals): only the rows in the
		// currency of the partner's program count, so a value never adds currencies (a
		// count counts every row).
		String sameCurrency = value == null ? "" : " join partner_directory rc_p on rc_p.id = t." + r.ownerColumn()
				+ " join program_catalog rc_g on rc_g.id = rc_p.program_id and rc_g.currency = t.currency";
		return "select t." + r.ownerColumn() + " as owner, " + aggregate + " as v from " + r.table() + " t"
				+ sameCurrency + " where t." + r.ownerColumn() + " = any(:ids) and " + r.baseCondition() + " and "
				+ filter.sql() + " group by t." + r.ownerColumn();
	}

	/**
	 * The stored value for partners without rows: 0 for sum and count, null otherwise.
	 */
	static String finalValue(RollupField field) {
		return switch (field.function()) {
			case SUM, COUNT -> "coalesce(a.v, 0)";
			default -> "a.v";
		};
	}

	/**
	 * Upserts the values of the partners {@code :ids} and returns the rows that changed
	 * with their old value (PostgreSQL 18 {@code RETURNING old/new}); unchanged values
	 * are not written at all.
	 */
	static Statement upsert(RollupField field, LocalDate today) {
		SqlFragment filter = FilterCompiler.compile(field.filter(), field.relationship().catalog(), today, "f",
				"filter");
		String sql = "with agg as (" + aggregate(field, filter) + ")\n"
				+ "insert into rollup_value as rv (rollup_field_id, contact_id, value, computed_at)\n"
				+ "select :rollupFieldId, p.contact_id, " + finalValue(field) + ", now()\n"
				+ "from partner_directory p left join agg a on a.owner = p.id where p.id = any(:ids)\n"
				+ "on conflict (rollup_field_id, contact_id) do update set value = excluded.value, "
				+ "computed_at = excluded.computed_at where rv.value is distinct from excluded.value\n"
				+ "returning with (old as o, new as n) n.contact_id, o.value as old_value, n.value as new_value, "
				+ "o.contact_id is not null as existed";
		Map<String, Object> params = new HashMap<>(filter.params());
		params.put("rollupFieldId", field.id());
		return new Statement(sql, params);
	}

	/**
	 * The value of one partner computed from the raw rows (no write): {@code :ids} = that
	 * partner.
	 */
	static Statement onRead(RollupField field, LocalDate today) {
		SqlFragment filter = FilterCompiler.compile(field.filter(), field.relationship().catalog(), today, "f",
				"filter");
		String sql = "select " + finalValue(field) + " from (select 1) one left join (" + aggregate(field, filter)
				+ ") a on true";
		return new Statement(sql, new HashMap<>(filter.params()));
	}

	record Statement(String sql, Map<String, Object> params) {
	}

}
