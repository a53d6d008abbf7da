package dev.partnerhub.programs.domain;

import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;
import org.springframework.data.repository.query.Param;

/** The product aggregate; the console's search is {@link ProductSearchQueries}. */
public interface ProductRepository
		extends ListCrudRepository<Product, Long>, ListPagingAndSortingRepository<Product, Long> {

	@Query("select * from product where lower(sku) = lower(:sku)")
	Optional<Product> findBySkuIgnoreCase(@Param("sku") String sku);

	/**
	 * Creates the product unless one with this sku (any case) exists; a concurrent
	 * creator waits, then skips.
	 */
	@Modifying
	@Query("""
			insert into product (sku, name, price, currency) values (:sku, :name, 0, :currency)
			on conflict (lower(sku)) do nothing""")
	int insertIfAbsent(@Param("sku") String sku, @Param("name") String name, @Param("currency") String currency);

	Optional<Product> findByStripePriceId(String stripePriceId);

}
