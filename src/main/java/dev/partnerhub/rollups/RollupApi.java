package dev.partnerhub.rollups;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.partnerhub.filters.FieldCatalog;
import dev.partnerhub.filters.Filter;

/**
 * Rollup fields for other modules (partner center, groups, automation, leaderboards).
 * <p>
 * Values live materialised in table
 * {@code rollup_value (rollup_field_id, contact_id, value)} — one row per definition and
 * partner contact, indexed {@code (rollup_field_id, value desc nulls last, contact_id)}
 * for ranks — and are recomputed from the raw rows for every partner a change touched (a
 * trigger-filled dirty set, drained about every second, see docs/rollups.md).
 * {@link #valuesOf(long)} computes one contact's values from the raw rows, so it is exact
 * at once; lists and ranks read the table (call {@link #refreshPending()} first to
 * include changes of the last second). Changes are announced with
 * {@link RollupValuesChanged}.
 */
public interface RollupApi {

	/** Every definition, by name. */
	List<RollupField> fields();

	Optional<RollupField> findById(long id);

	/** Case-insensitive. */
	Optional<RollupField> findByName(String name);

	/**
	 * Every rollup value of the contact by field name (definition order), exact now;
	 * 0/null for non-partners.
	 */
	Map<String, RollupValue> valuesOf(long contactId);

	/**
	 * One value of the contact, exact now; empty for an unknown name or a null
	 * (avg/min/max of nothing) value.
	 */
	Optional<BigDecimal> value(String rollupName, long contactId);

	/**
	 * How a filter names a rollup field: {@code rollup:<name>} (offered by the rollups'
	 * filter field provider).
	 */
	String FIELD_PREFIX = "rollup:";

	/**
	 * Creates a definition, validated as {@code POST /api/v1/rollup-fields} does
	 * (InvalidInputException / ConflictException), and computes its values for every
	 * partner in the background.
	 */
	RollupField create(String name, RollupFunction function, Relationship relationship, String field, Filter filter);

	/**
	 * Recomputes the partners marked dirty now (normally done about every second in the
	 * background).
	 */
	void refreshPending();

	/** The filterable fields of a relationship (for condition builders). */
	default FieldCatalog catalog(Relationship relationship) {
		return relationship.catalog();
	}

}
