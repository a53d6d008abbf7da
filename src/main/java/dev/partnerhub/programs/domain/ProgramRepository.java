package dev.partnerhub.programs.domain;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ProgramRepository extends JpaRepository<Program, Long> {

	@Query("select p from Program p where lower(p.name) = lower(:name)")
	Optional<Program> findByNameIgnoreCase(@Param("name") String name);

}
