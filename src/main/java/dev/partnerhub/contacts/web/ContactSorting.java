package dev.partnerhub.contacts.web;

import java.util.Map;
import java.util.function.Predicate;

import org.springframework.data.domain.Sort;

/**
 * The columns a contact list may be sorted by. A {@code sort} parameter such as
 * {@code name,desc} is read against this whitelist (plus the list's chosen extra columns,
 * e.g. {@code rollup:7}); anything else falls back to the default instead of reaching the
 * query (and failing there).
 */
record ContactSorting(String property, Sort.Direction direction) {

	static final ContactSorting DEFAULT = new ContactSorting("dateAdded", Sort.Direction.DESC);

	private static final Map<String, String[]> COLUMNS = Map.of("name", new String[] { "lastName", "firstName" },
			"email", new String[] { "email" }, "dateAdded", new String[] { "dateAdded" });

	static ContactSorting parse(String sort) {
		return parse(sort, property -> false);
	}

	/** {@code extra}: the chosen extra columns' keys that may be sorted by too. */
	static ContactSorting parse(String sort, Predicate<String> extra) {
		if (sort == null || sort.isBlank()) {
			return DEFAULT;
		}
		String[] parts = sort.split(",", 2);
		String property = parts[0].strip();
		if (!COLUMNS.containsKey(property) && !extra.test(property)) {
			return DEFAULT;
		}
		boolean descending = parts.length > 1 && "desc".equalsIgnoreCase(parts[1].strip());
		return new ContactSorting(property, descending ? Sort.Direction.DESC : Sort.Direction.ASC);
	}

	/**
	 * Names sort case-insensitively (as the name index does); the id breaks ties so pages
	 * never overlap.
	 */
	Sort toSort() {
		Sort sort = Sort.unsorted();
		for (String column : COLUMNS.getOrDefault(this.property, new String[] { this.property })) {
			Sort.Order order = new Sort.Order(this.direction, column);
			sort = sort.and(Sort
				.by(COLUMNS.containsKey(this.property) && !"dateAdded".equals(column) ? order.ignoreCase() : order));
		}
		return sort.and(Sort.by(this.direction, "id"));
	}

	/**
	 * Whether the list must be read with its extra columns' SQL (the JPA search cannot
	 * sort by them).
	 */
	boolean extra() {
		return !COLUMNS.containsKey(this.property);
	}

	/** For the sort links: {@code name,asc}. */
	String param() {
		return this.property + "," + this.direction.name().toLowerCase(java.util.Locale.ROOT);
	}

	String directionName() {
		return this.direction.name().toLowerCase(java.util.Locale.ROOT);
	}

}
