package dev.partnerhub.rollups.domain;

import java.util.List;
import java.util.Optional;

import dev.partnerhub.filters.FieldCatalog;
import dev.partnerhub.filters.FieldType;
import dev.partnerhub.filters.FilterFieldProvider;
import dev.partnerhub.filters.FilterTarget;
import dev.partnerhub.rollups.RollupApi;
import dev.partnerhub.rollups.RollupField;
import dev.partnerhub.rollups.RollupFunction;

import org.springframework.stereotype.Component;

/**
 * Every rollup as a filter field {@code rollup:<name>} over the target's contact, e.g.
 * for a group condition "Approved and paid commissions ≥ 1000". Reads the materialised
 * value (callers drain pending changes first); sums and counts of non-partners are 0.
 * Rollup names are case-insensitive.
 */
@Component
class RollupFilterFields implements FilterFieldProvider {

	private final RollupDefinitions definitions;

	RollupFilterFields(RollupDefinitions definitions) {
		this.definitions = definitions;
	}

	@Override
	public String prefix() {
		return RollupApi.FIELD_PREFIX;
	}

	@Override
	public List<FieldCatalog.Field> fields(FilterTarget target) {
		return this.definitions.all().stream().map(field -> field(field, target)).toList();
	}

	@Override
	public Optional<FieldCatalog.Field> resolve(String name, FilterTarget target) {
		return this.definitions.findByName(name).map(field -> field(field, target));
	}

	private static FieldCatalog.Field field(RollupField field, FilterTarget target) {
		String stored = "(select rv.value from rollup_value rv where rv.rollup_field_id = " + field.id()
				+ " and rv.contact_id = " + target.contactId() + ")";
		String sql = field.function() == RollupFunction.SUM || field.function() == RollupFunction.COUNT
				? "coalesce(" + stored + ", 0)" : stored;
		return FieldCatalog.Field.of(RollupApi.FIELD_PREFIX + field.name(),
				field.function() == RollupFunction.COUNT ? FieldType.NUMBER : FieldType.MONEY, sql);
	}

}
