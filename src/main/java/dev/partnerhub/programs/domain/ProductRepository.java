package dev.partnerhub.programs.domain;

import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ProductRepository extends JpaRepository<Product, Long> {

	@Query("select p from Product p where lower(p.sku) = lower(:sku)")
	Optional<Product> findBySkuIgnoreCase(@Param("sku") String sku);

	/** Creates the product unless one with this sku (any case) exists; a concurrent creator waits, then skips. */
	@Modifying
	@Query(value = """
			insert into product (sku, name, price, currency) values (:sku, :name, 0, :currency)
			on conflict (lower(sku)) do nothing""", nativeQuery = true)
	int insertIfAbsent(@Param("sku") String sku, @Param("name") String name, @Param("currency") String currency);

	Optional<Product> findByStripePriceId(String stripePriceId);

	/** {@code pattern} is a lower-case LIKE pattern escaped with a backslash. */
	@Query("select p from Product p where lower(p.sku) like :pattern escape '\\' or lower(p.name) like :pattern escape '\\'")
	Page<Product> search(@Param("pattern") String pattern, Pageable pageable);

}
