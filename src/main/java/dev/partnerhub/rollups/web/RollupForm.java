package dev.partnerhub.rollups.web;

import java.util.List;

import dev.partnerhub.filters.Filter;
import dev.partnerhub.filters.FilterRows.Row;
import dev.partnerhub.filters.FilterRows;
import dev.partnerhub.rollups.Relationship;
import dev.partnerhub.rollups.RollupField;
import dev.partnerhub.rollups.RollupFunction;
import dev.partnerhub.rollups.domain.RollupDraft;
import dev.partnerhub.support.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * The console's rollup form. The filter tree is a flat list of rows in pre-order, each
 * with its depth: row 0 is the top-level group; a group's children are the rows after it
 * that are deeper, until the depth returns to its own. Buttons post the whole form with
 * {@code action} = {@code save}, {@code refresh}, {@code addCondition:i},
 * {@code addGroup:i} or {@code remove:i}, so the builder works without scripts.
 */
public class RollupForm {

	private String name;

	private String function = "sum";

	private String relationship = "commissions_earned";

	private String field = "amount";

	private List<Row> rows = FilterRows.empty();

	public static RollupForm of(RollupField definition) {
		RollupForm form = new RollupForm();
		form.name = definition.name();
		form.function = definition.function().value();
		form.relationship = definition.relationship().value();
		form.field = definition.field();
		form.rows = FilterRows.of(definition.filter());
		return form;
	}

	/** Applies an add/remove button; false when {@code action} is not one. */
	boolean edit(String action) {
		normalise();
		return FilterRows.edit(this.rows, action, defaultField());
	}

	private void normalise() {
		this.rows = FilterRows.normalise(this.rows);
	}

	private String defaultField() {
		try {
			return Relationship.of(this.relationship).catalog().names().get(0);
		}
		catch (IllegalArgumentException ex) {
			return "status";
		}
	}

	/**
	 * The draft to validate; unparseable function/relationship/op become
	 * InvalidInputException on that field.
	 */
	RollupDraft draft() {
		normalise();
		RollupFunction fn = parse("function", this.function, RollupFunction::of);
		Relationship rel = parse("relationship", this.relationship, Relationship::of);
		Filter filter = FilterRows.toFilter(this.rows);
		return new RollupDraft(this.name, fn, rel, fn == RollupFunction.COUNT ? null : this.field, filter);
	}

	/** The row an error field names (or its nearest enclosing row). */
	Row rowFor(String errorField) {
		return FilterRows.rowFor(this.rows, errorField);
	}

	private static <T> @Nullable T parse(String name, String value, java.util.function.Function<String, T> parser) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return parser.apply(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException(name, ex.getMessage());
		}
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getFunction() {
		return this.function;
	}

	public void setFunction(String function) {
		this.function = function;
	}

	public String getRelationship() {
		return this.relationship;
	}

	public void setRelationship(String relationship) {
		this.relationship = relationship;
	}

	public String getField() {
		return this.field;
	}

	public void setField(String field) {
		this.field = field;
	}

	public List<Row> getRows() {
		return this.rows;
	}

	public void setRows(List<Row> rows) {
		this.rows = rows;
	}

}
