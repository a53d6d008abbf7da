package dev.partnerhub.contacts.domain;

import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;
import org.springframework.data.repository.query.Param;

/** The contact aggregate; the console's search is {@link ContactSearchQueries}. */
public interface ContactRepository
		extends ListCrudRepository<Contact, Long>, ListPagingAndSortingRepository<Contact, Long> {

	@Query("select * from contact where lower(email) = lower(:email)")
	Optional<Contact> findByEmailIgnoreCase(@Param("email") String email);

}
