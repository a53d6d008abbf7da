package dev.partnerhub.programs.domain;

import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;
import org.springframework.data.repository.query.Param;

public interface ProgramRepository
		extends ListCrudRepository<Program, Long>, ListPagingAndSortingRepository<Program, Long> {

	@Query("select * from program where lower(name) = lower(:name)")
	Optional<Program> findByNameIgnoreCase(@Param("name") String name);

	@Query("select * from program where slug = :slug")
	Optional<Program> findBySlug(@Param("slug") String slug);

	@Query("select slug from program where id = :id")
	Optional<String> findSlugById(@Param("id") long id);

	@Modifying
	@Query("update program set slug = :slug where id = :id")
	int updateSlug(@Param("id") long id, @Param("slug") String slug);

	@Query("select sales_sites from program where id = :id")
	Optional<String> findSalesSitesById(@Param("id") long id);

	@Modifying
	@Query("update program set sales_sites = :sites where id = :id")
	int updateSalesSites(@Param("id") long id, @Param("sites") String sites);

}
