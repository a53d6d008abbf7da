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

	/**
	 * The list's sort from the resolved one ({@code @ListPage} already dropped unknown
	 * fixed keys); {@code extra}: the chosen extra columns' keys that may be sorted by
	 * too — any other {@code rollup:} key falls back to the default.
	 */
	static ContactSorting of(Sort sort, Predicate<String> extra) {
		Sort.Order order = sort.stream().findFirst().orElse(null);
		if (order == null || (!COLUMNS.containsKey(order.getProperty()) && !extra.test(order.getProperty()))) {
			return DEFAULT;
		}
		return new ContactSorting(order.getProperty(), order.getDirection());
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
