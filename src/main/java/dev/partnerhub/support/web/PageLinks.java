package dev.partnerhub.support.web;

import java.util.List;
import java.util.stream.IntStream;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the shared pagination and sortable-header fragments need: the page, the current
 * sort, and a way to build a link to another page or sort that keeps every other query
 * parameter (search, filters).
 */
public record PageLinks(Page<?> page, String sort, String direction, UriComponentsBuilder base) {

	public static PageLinks of(Page<?> page, UriComponentsBuilder currentRequest) {
		Sort.Order order = page.getSort().stream().findFirst().orElse(null);
		String sort = order == null ? "" : order.getProperty();
		String direction = order == null ? "asc" : order.getDirection().name().toLowerCase();
		return new PageLinks(page, sort, direction, currentRequest);
	}

	public String pageUrl(int number) {
		return this.base.cloneBuilder()
			.replaceQueryParam("page", number)
			.build()
			.encode()
			.toUriString()
			.replace("+", "%2B");
	}

	/**
	 * Link for a column header: ascending first, toggles when the column is already
	 * sorted.
	 */
	public String sortUrl(String property) {
		String next = property.equals(this.sort) && "asc".equals(this.direction) ? "desc" : "asc";
		return this.base.cloneBuilder()
			.replaceQueryParam("sort", property + "," + next)
			.replaceQueryParam("page", 0)
			.build()
			.encode()
			.toUriString()
			.replace("+", "%2B");
	}

	public String sortIndicator(String property) {
		if (!property.equals(this.sort)) {
			return "none";
		}
		return "asc".equals(this.direction) ? "ascending" : "descending";
	}

	public String csvUrl(String path) {
		return UriComponentsBuilder.fromPath(path)
			.query(this.base.build().getQuery())
			.replaceQueryParam("page")
			.replaceQueryParam("size")
			.build()
			.encode()
			.toUriString()
			.replace("+", "%2B");
	}

	// encode() leaves '+' alone (it is legal in a query) but servers read it as a space:
	// "a+b@x.com" must survive.

	/** Page numbers to show: a window around the current page. */
	public List<Integer> window() {
		int current = this.page.getNumber();
		int last = Math.max(this.page.getTotalPages() - 1, 0);
		int from = Math.max(0, current - 3);
		int to = Math.min(last, current + 3);
		return IntStream.rangeClosed(from, to).boxed().toList();
	}

}
