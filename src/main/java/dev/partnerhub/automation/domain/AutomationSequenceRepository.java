package dev.partnerhub.automation.domain;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.relational.core.sql.LockMode;
import org.springframework.data.relational.repository.Lock;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.query.Param;

interface AutomationSequenceRepository extends ListCrudRepository<AutomationSequence, Long> {

	@Query("select * from automation_sequence order by lower(name), id")
	List<AutomationSequence> findAllByName();

	@Query("select * from automation_sequence where lower(name) = lower(:name)")
	Optional<AutomationSequence> findByNameIgnoreCase(@Param("name") String name);

	/**
	 * The sequence, locked until the transaction ends: step changes of two admins follow
	 * one another, and so do the enrolments' moves that follow them.
	 */
	@Lock(LockMode.PESSIMISTIC_WRITE)
	Optional<AutomationSequence> findForUpdateById(Long id);

}
