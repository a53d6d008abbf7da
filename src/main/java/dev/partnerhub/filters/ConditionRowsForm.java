package dev.partnerhub.filters;

import java.util.List;
import java.util.Map;

/**
 * A console form that edits a {@link Filter} with the visual condition builder
 * ({@link FilterRows}, markup in {@code fragments/conditions.html}): nested AND/OR groups
 * of field / operator / value rows, edited by submit buttons so it works without scripts.
 * An advanced JSON box wins when filled in (for pasting a filter from the API). Groups
 * and automation rules extend it; the rollup and partner-center forms use
 * {@link FilterRows} directly.
 */
public abstract class ConditionRowsForm {

	private List<FilterRows.Row> rows = FilterRows.empty();

	private String json;

	/** Opens a saved filter in the builder ({@code null} = no conditions). */
	protected void load(Filter filter) {
		this.rows = FilterRows.of(filter);
	}

	/**
	 * Applies an add/remove button; false when {@code action} is not one (then the form
	 * is being saved).
	 */
	public boolean edit(String action, String defaultField) {
		this.rows = FilterRows.normalise(this.rows);
		return FilterRows.edit(this.rows, action, defaultField);
	}

	public boolean usesJson() {
		return this.json != null && !this.json.isBlank();
	}

	/**
	 * The filter, or {@code null} when no condition is filled in. Condition rows with
	 * neither field nor value (a forged or gapped post) are dropped. Bad JSON, match or
	 * operator is an InvalidInputException on its path.
	 */
	public Filter filter() {
		if (usesJson()) {
			return FilterJson.parse(this.json, "filter");
		}
		this.rows.removeIf(row -> row != null && !row.isGroup() && blank(row.getField()) && blank(row.getValue()));
		this.rows = FilterRows.normalise(this.rows);
		return FilterRows.toFilter(this.rows);
	}

	/**
	 * Puts {@code message} beside the row {@code errorField} names; false when it names
	 * none (or JSON was used).
	 */
	public boolean markRow(String errorField, String message) {
		if (usesJson()) {
			return false;
		}
		FilterRows.Row row = FilterRows.rowFor(this.rows, errorField);
		if (row == null) {
			return false;
		}
		row.setError(message);
		return true;
	}

	/** The builder's field choices (name and label) for names a catalog accepts. */
	public static List<Map<String, String>> fieldChoices(List<String> names) {
		return names.stream().map(name -> Map.of("name", name, "label", FilterText.choiceLabel(name))).toList();
	}

	private static boolean blank(String text) {
		return text == null || text.isBlank();
	}

	public List<FilterRows.Row> getRows() {
		return this.rows;
	}

	public void setRows(List<FilterRows.Row> rows) {
		this.rows = rows == null ? FilterRows.empty() : rows;
	}

	public String getJson() {
		return this.json;
	}

	public void setJson(String json) {
		this.json = json;
	}

}
