package dev.partnerhub.groups.web;

import dev.partnerhub.filters.ConditionRowsForm;
import dev.partnerhub.filters.Filter;

/**
 * The console's group form: a name and the visual condition builder (nested AND/OR groups
 * of field / operator / value rows), or a filter pasted as JSON in the advanced box.
 */
public class GroupForm extends ConditionRowsForm {

	/** The field a new condition row starts with. */
	static final String DEFAULT_FIELD = "email";

	private String name;

	// the group's version when the form was loaded (optimistic locking)
	private Long version;

	/** A new group starts with one condition to fill in. */
	static GroupForm empty() {
		GroupForm form = new GroupForm();
		form.edit("addCondition:0", DEFAULT_FIELD);
		return form;
	}

	static GroupForm of(String name, Filter filter, Long version) {
		GroupForm form = new GroupForm();
		form.name = name;
		form.version = version;
		form.load(filter);
		return form;
	}

	boolean edit(String action) {
		return edit(action, DEFAULT_FIELD);
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public Long getVersion() {
		return this.version;
	}

	public void setVersion(Long version) {
		this.version = version;
	}

}
