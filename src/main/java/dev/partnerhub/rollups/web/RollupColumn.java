package dev.partnerhub.rollups.web;

import java.math.BigDecimal;

import dev.partnerhub.rollups.RollupField;
import dev.partnerhub.rollups.RollupValue;

/**
 * A rollup column of the partner values list; {@code property} is its sort key
 * ({@code r<id>}).
 */
public record RollupColumn(RollupField field, String property) {

	public String format(BigDecimal value) {
		return new RollupValue(this.field.id(), this.field.name(), this.field.function(), value).display();
	}

}
