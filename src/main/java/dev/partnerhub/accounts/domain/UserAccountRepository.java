package dev.partnerhub.accounts.domain;

import java.util.Optional;

import dev.partnerhub.accounts.Role;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.query.Param;

public interface UserAccountRepository extends ListCrudRepository<UserAccount, Long> {

	@Query("select * from user_account where lower(email) = lower(:email)")
	Optional<UserAccount> findByEmailIgnoreCase(@Param("email") String email);

	boolean existsByRole(Role role);

	@Query("select exists (select 1 from user_account where role <> 'PARTNER')")
	boolean teamExists();

	@Query("select * from user_account where contact_id = :contactId and role = 'PARTNER'")
	Optional<UserAccount> findPartnerLogin(@Param("contactId") long contactId);

}
