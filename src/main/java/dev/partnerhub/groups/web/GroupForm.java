package dev.partnerhub.groups.web;

import dev.partnerhub.rollups.ConditionRowsForm;
import dev.partnerhub.rollups.Filter;

/**
 * The console's group form: a name and a condition builder — rows of field / operator / value joined by
 * {@code match} (all = AND, any = OR). Nested groups (AND of ORs) are written in the advanced JSON box, which wins
 * when filled in; a saved nested filter opens there.
 */
public class GroupForm extends ConditionRowsForm {

	static final int MIN_ROWS = 5;

	private String name;

	static GroupForm empty() {
		GroupForm form = new GroupForm();
		form.padRows();
		return form;
	}

	static GroupForm of(String name, Filter filter) {
		GroupForm form = new GroupForm();
		form.name = name;
		form.load(filter);
		form.padRows();
		return form;
	}

	/** Enough empty rows to add conditions (no script needed). */
	void padRows() {
		padRows(MIN_ROWS);
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

}
