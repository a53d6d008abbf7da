package dev.partnerhub.rollups;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.jspecify.annotations.Nullable;

/**
 * One rollup value of a contact. Sum of nothing is 0.00, count of nothing 0; avg/min/max
 * of nothing is null.
 */
public record RollupValue(long rollupFieldId, String name, RollupFunction function, @Nullable BigDecimal value) {

	/**
	 * For JSON: counts as integers, money as two-decimal strings, null when there is no
	 * value.
	 */
	public Object json() {
		if (this.function == RollupFunction.COUNT) {
			return this.value == null ? 0L : this.value.longValue();
		}
		return this.value == null ? null : this.value.setScale(2, RoundingMode.HALF_UP).toPlainString();
	}

	/** For pages: as {@link #json()}, "—" for no value. */
	public String display() {
		Object json = json();
		return json == null ? "—" : json.toString();
	}

}
