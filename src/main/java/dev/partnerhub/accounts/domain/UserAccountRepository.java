package dev.partnerhub.accounts.domain;

import java.util.Optional;

import dev.partnerhub.accounts.Role;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface UserAccountRepository extends JpaRepository<UserAccount, Long> {

	@Query("select u from UserAccount u where lower(u.email) = lower(:email)")
	Optional<UserAccount> findByEmailIgnoreCase(@Param("email") String email);

	boolean existsByRole(Role role);

}
