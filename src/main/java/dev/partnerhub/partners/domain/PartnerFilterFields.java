package dev.partnerhub.partners.domain;

import java.util.List;

import dev.partnerhub.filters.FieldCatalog.Field;
import dev.partnerhub.filters.FieldType;
import dev.partnerhub.filters.FilterFieldProvider;
import dev.partnerhub.filters.FilterTarget;

import org.springframework.stereotype.Component;

/**
 * The partner fields a condition may name: the program's name and the partner status.
 * Where the partner row may be missing (a group over all contacts) the status of a
 * non-partner is {@code none}.
 */
@Component
class PartnerFilterFields implements FilterFieldProvider {

	@Override
	public FilterTarget.Subject subject() {
		return FilterTarget.Subject.PARTNER;
	}

	@Override
	public List<Field> fields(FilterTarget target) {
		if (target.partner() == null) {
			return List.of();
		}
		Field status = target.partnerOptional()
				? Field.status("partnerStatus", "coalesce(" + target.partner().column("status") + ", 'none')",
						List.of("pending", "approved", "suspended", "none"))
				: Field.status("partnerStatus", target.partner().column("status"),
						List.of("pending", "approved", "suspended"));
		return target.program() == null ? List.of(status)
				: List.of(Field.of("program", FieldType.TEXT, target.program().column("name")), status);
	}

}
