package dev.partnerhub.groups.domain;

import java.util.List;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface ContactGroupRepository extends ListCrudRepository<ContactGroup, Long> {

	@Query("select * from contact_group order by lower(name), id")
	List<ContactGroup> findAllByName();

}
