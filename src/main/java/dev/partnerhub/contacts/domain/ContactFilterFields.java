package dev.partnerhub.contacts.domain;

import java.util.List;

import dev.partnerhub.filters.FieldCatalog.Field;
import dev.partnerhub.filters.FieldType;
import dev.partnerhub.filters.FilterFieldProvider;
import dev.partnerhub.filters.FilterTarget;

import org.springframework.stereotype.Component;

/**
 * The contact fields a group or rule condition may name, over the target's contact row.
 */
@Component
class ContactFilterFields implements FilterFieldProvider {

	@Override
	public FilterTarget.Subject subject() {
		return FilterTarget.Subject.CONTACT;
	}

	@Override
	public List<Field> fields(FilterTarget target) {
		FilterTarget.Alias contact = target.contact();
		return List.of(Field.of("email", FieldType.TEXT, contact.column("email")),
				Field.of("firstName", FieldType.TEXT, contact.column("first_name")),
				Field.of("lastName", FieldType.TEXT, contact.column("last_name")),
				Field.of("dateAdded", FieldType.DATE, contact.column("date_added")));
	}

}
