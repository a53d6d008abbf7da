package dev.partnerhub.programs.domain;

import java.util.Map;

import dev.partnerhub.support.AggregatePages;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Component;

/**
 * Search by SKU or name (a case-insensitive LIKE over two columns, which no derived query
 * expresses).
 */
@Component
class ProductSearchQueries {

	private final AggregatePages pages;

	ProductSearchQueries(AggregatePages pages) {
		this.pages = pages;
	}

	/** {@code pattern} is a lower-case LIKE pattern escaped with a backslash. */
	Page<Product> search(String pattern, Pageable pageable) {
		return this.pages.page(Product.class, """
				from product where lower(sku) like :pattern escape '\\' or lower(name) like :pattern escape '\\'""",
				Map.of("pattern", pattern), pageable);
	}

}
