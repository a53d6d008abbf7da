package dev.partnerhub.partnercenter.domain;

import java.util.Optional;

import org.springframework.data.relational.core.sql.LockMode;
import org.springframework.data.relational.repository.Lock;
import org.springframework.data.repository.ListCrudRepository;

interface CenterPageRepository extends ListCrudRepository<CenterPage, Long> {

	/**
	 * The page, locked until the transaction ends: block changes of two admins follow one
	 * another instead of failing on the version.
	 */
	@Lock(LockMode.PESSIMISTIC_WRITE)
	Optional<CenterPage> findForUpdateById(Long id);

}
