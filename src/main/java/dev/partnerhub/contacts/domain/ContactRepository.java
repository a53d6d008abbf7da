package dev.partnerhub.contacts.domain;

import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ContactRepository extends JpaRepository<Contact, Long> {

	@Query("select c from Contact c where lower(c.email) = lower(:email)")
	Optional<Contact> findByEmailIgnoreCase(@Param("email") String email);

	String SEARCH = """
			select c from Contact c
			where :term = ''
			   or lower(c.email) like concat('%', :term, '%')
			   or lower(concat(c.firstName, ' ', c.lastName)) like concat('%', :term, '%')
			""";

	/** Search by name or e-mail; an empty term lists everyone. */
	@Query(SEARCH)
	Page<Contact> search(@Param("term") String term, Pageable pageable);

	/** The same search without counting, for exports that walk every match a slice at a time. */
	@Query(SEARCH)
	Slice<Contact> searchSlice(@Param("term") String term, Pageable pageable);

}
