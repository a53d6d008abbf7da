package dev.partnerhub.automation.domain;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.query.Param;

interface AutomationRuleRepository extends ListCrudRepository<AutomationRule, Long> {

	@Query("select * from automation_rule order by lower(name), id")
	List<AutomationRule> findAllByName();

	List<AutomationRule> findByEnabledTrueAndTriggerTypeOrderById(String triggerType);

	@Query("select * from automation_rule where lower(name) = lower(:name)")
	Optional<AutomationRule> findByNameIgnoreCase(@Param("name") String name);

}
