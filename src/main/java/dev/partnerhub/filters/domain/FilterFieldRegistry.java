package dev.partnerhub.filters.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.partnerhub.filters.Condition;
import dev.partnerhub.filters.FieldCatalog.Field;
import dev.partnerhub.filters.FieldCatalog;
import dev.partnerhub.filters.Filter;
import dev.partnerhub.filters.FilterFieldProvider;
import dev.partnerhub.filters.FilterFields;
import dev.partnerhub.filters.FilterNode;
import dev.partnerhub.filters.FilterTarget;
import dev.partnerhub.support.InvalidInputException;

import org.springframework.stereotype.Service;

/** {@link FilterFields} over the {@link FilterFieldProvider} beans of every module. */
@Service
class FilterFieldRegistry implements FilterFields {

	private final List<FilterFieldProvider> providers;

	FilterFieldRegistry(List<FilterFieldProvider> providers) {
		this.providers = List.copyOf(providers);
	}

	@Override
	public FieldCatalog catalogFor(Filter filter, FilterTarget target) {
		List<Field> fields = new ArrayList<>(fixedFields(target));
		if (filter != null) {
			addNamedFields(filter, "filter", target, fields);
		}
		return FieldCatalog.of(fields);
	}

	@Override
	public List<String> fieldNames(FilterTarget target) {
		List<String> names = new ArrayList<>(fixedFields(target).stream().map(Field::name).toList());
		for (FilterFieldProvider provider : this.providers) {
			if (provider.prefix() != null) {
				provider.fields(target).forEach(field -> names.add(field.name()));
			}
		}
		return names;
	}

	/**
	 * The fields of fixed-set providers: the target subject's own first, then the others
	 * (each in bean order).
	 */
	private List<Field> fixedFields(FilterTarget target) {
		return this.providers.stream()
			.filter(provider -> provider.prefix() == null)
			.sorted(Comparator.comparingInt(provider -> provider.subject() == target.subject() ? 0 : 1))
			.flatMap(provider -> provider.fields(target).stream())
			.toList();
	}

	private void addNamedFields(Filter filter, String path, FilterTarget target, List<Field> fields) {
		for (int i = 0; i < filter.conditions().size(); i++) {
			FilterNode node = filter.conditions().get(i);
			String at = path + ".conditions[" + i + "]";
			if (node instanceof Filter nested) {
				addNamedFields(nested, at, target, fields);
			}
			else if (node instanceof Condition condition && condition.field() != null) {
				String spelled = condition.field().strip();
				for (FilterFieldProvider provider : this.providers) {
					String prefix = provider.prefix();
					if (prefix == null || !spelled.startsWith(prefix)) {
						continue;
					}
					String name = spelled.substring(prefix.length()).strip();
					Field field = provider.resolve(name, target)
						.orElseThrow(() -> new InvalidInputException(at + ".field",
								at + ".field: unknown " + prefix.replace(":", "") + " field '"
										+ (name.length() > 40 ? name.substring(0, 40) + "…" : name) + "'"));
					fields.add(new Field(spelled, field.type(), field.sql(), field.existsTemplate(), field.values()));
				}
			}
		}
	}

}
