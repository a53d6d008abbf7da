package dev.partnerhub.partners.domain;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.query.Param;

public interface PartnerRepository extends ListCrudRepository<Partner, Long> {

	@Query("select * from partner where lower(code) = lower(:code)")
	Optional<Partner> findByCodeIgnoreCase(@Param("code") String code);

	Optional<Partner> findByContactId(long contactId);

	List<Partner> findByParentId(long parentId);

	/**
	 * The partner and all his ancestors (parent, parent's parent, ...), to refuse a
	 * parent that would make a cycle.
	 */
	@Query(value = """
			with recursive chain(id, parent_id, depth) as (
			    select id, parent_id, 0 from partner where id = :start
			    union all
			    select p.id, p.parent_id, c.depth + 1 from partner p join chain c on p.id = c.parent_id
			    where c.depth < 1000
			)
			select id from chain
			""")
	List<Long> selfAndAncestors(@Param("start") long start);

	@Query(value = "select count(*) from contact_directory where first_referrer_id = :id or last_referrer_id = :id")
	long countReferredContacts(@Param("id") long id);

	@Query(value = "select count(*) from partner_coupon where partner_id = :id")
	long countCoupons(@Param("id") long id);

}
