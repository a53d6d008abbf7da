package dev.partnerhub.rollups;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rollup fields for other modules (partner center, groups, automation, leaderboards).
 * <p>
 * Values live materialised in table {@code rollup_value (rollup_field_id, contact_id, value)} — one row per
 * definition and partner contact, indexed {@code (rollup_field_id, value desc nulls last, contact_id)} for ranks —
 * and are recomputed from the raw rows for every partner a change touched (a trigger-filled dirty set, drained about
 * every second, see docs/rollups.md). {@link #valuesOf(long)} computes one contact's values from the raw rows, so it
 * is exact at once; lists and ranks read the table (call {@link #refreshPending()} first to include changes of the
 * last second). Changes are announced with {@link RollupValuesChanged}.
 */
public interface RollupApi {

	/** Every definition, by name. */
	List<RollupField> fields();

	Optional<RollupField> findById(long id);

	/** Case-insensitive. */
	Optional<RollupField> findByName(String name);

	/** Every rollup value of the contact by field name (definition order), exact now; 0/null for non-partners. */
	Map<String, RollupValue> valuesOf(long contactId);

	/** One value of the contact, exact now; empty for an unknown name or a null (avg/min/max of nothing) value. */
	Optional<BigDecimal> value(String rollupName, long contactId);

	/**
	 * The rollup as a filter field named {@code rollup:<name>} for a {@link FieldCatalog} over contacts, e.g. for a
	 * group condition "Approved and paid commissions ≥ 1000". {@code contactIdSql} is the contact id expression of
	 * the outer query (code, not input). Reads the materialised value; sums and counts of non-partners are 0.
	 */
	Optional<FieldCatalog.Field> asFilterField(String rollupName, String contactIdSql);

	/** How a filter names a rollup field: {@code rollup:<name>}. */
	String FIELD_PREFIX = "rollup:";

	/**
	 * The catalog for one filter: {@code base} plus each {@code rollup:<name>} the filter names, under the exact
	 * spelling it uses (rollup names are case-insensitive, catalog lookups exact), read as {@link #asFilterField}
	 * over {@code contactIdSql}. An unknown rollup is an InvalidInputException naming the condition's path.
	 */
	default FieldCatalog catalogFor(Filter filter, List<FieldCatalog.Field> base, String contactIdSql) {
		List<FieldCatalog.Field> fields = new java.util.ArrayList<>(base);
		if (filter != null) {
			addRollupFields(filter, "filter", contactIdSql, fields);
		}
		return FieldCatalog.of(fields);
	}

	private void addRollupFields(Filter filter, String path, String contactIdSql, List<FieldCatalog.Field> fields) {
		for (int i = 0; i < filter.conditions().size(); i++) {
			FilterNode node = filter.conditions().get(i);
			String at = path + ".conditions[" + i + "]";
			if (node instanceof Filter nested) {
				addRollupFields(nested, at, contactIdSql, fields);
			}
			else if (node instanceof Condition condition && condition.field() != null
					&& condition.field().strip().startsWith(FIELD_PREFIX)) {
				String spelled = condition.field().strip();
				String rollupName = spelled.substring(FIELD_PREFIX.length()).strip();
				FieldCatalog.Field field = asFilterField(rollupName, contactIdSql)
					.orElseThrow(() -> new dev.partnerhub.support.InvalidInputException(at + ".field", at
							+ ".field: unknown rollup field '"
							+ (rollupName.length() > 40 ? rollupName.substring(0, 40) + "…" : rollupName) + "'"));
				fields.add(new FieldCatalog.Field(spelled, field.type(), field.sql(), field.existsTemplate(),
						field.values()));
			}
		}
	}

	/**
	 * Creates a definition, validated as {@code POST /api/v1/rollup-fields} does (InvalidInputException /
	 * ConflictException), and computes its values for every partner in the background.
	 */
	RollupField create(String name, RollupFunction function, Relationship relationship, String field, Filter filter);

	/** Recomputes the partners marked dirty now (normally done about every second in the background). */
	void refreshPending();

	/** The filterable fields of a relationship (for condition builders). */
	default FieldCatalog catalog(Relationship relationship) {
		return relationship.catalog();
	}

}
