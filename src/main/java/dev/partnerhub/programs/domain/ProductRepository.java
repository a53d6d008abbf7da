package dev.partnerhub.programs.domain;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ProductRepository extends JpaRepository<Product, Long> {

	@Query("select p from Product p where lower(p.sku) = lower(:sku)")
	Optional<Product> findBySkuIgnoreCase(@Param("sku") String sku);

}
