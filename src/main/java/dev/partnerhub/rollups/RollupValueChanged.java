package dev.partnerhub.rollups;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * A materialised rollup value of a contact changed ({@code oldValue} is the value stored
 * before; a partner without a stored value yet counts as the empty value: 0 for
 * sum/count, null for avg/min/max). Published in batches, see
 * {@link RollupValuesChanged}.
 */
public record RollupValueChanged(long rollupFieldId, String name, long contactId, @Nullable BigDecimal oldValue,
		@Nullable BigDecimal newValue) {
}
