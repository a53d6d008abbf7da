package dev.partnerhub.filters;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * {@code field op value}: a field of the relationship (e.g. {@code status}), an operator
 * and the value as text. Dates are ISO days ({@code 2026-01-31}) or relative
 * ({@code "30 days ago"}, {@code -30d}, {@code today}); {@code within_last_days} takes a
 * whole number of days.
 */
@JsonPropertyOrder({ "field", "op", "value" })
@tools.jackson.databind.annotation.JsonDeserialize(using = FilterJson.ConditionDeserializer.class)
public record Condition(@Nullable String field, @Nullable Op op, @Nullable String value) implements FilterNode {

	@Override
	public String summary() {
		String label = this.field == null ? "?" : FilterText.label(this.field);
		String shown = this.value == null ? "" : this.value;
		if (this.op == Op.WITHIN_LAST_DAYS) {
			return label + " within the last " + shown + " days";
		}
		return label + " " + (this.op == null ? "?" : this.op.words()) + " " + shown;
	}

}
