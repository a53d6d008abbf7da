package dev.partnerhub.accounts.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

public interface ApiKeyRepository extends JpaRepository<ApiKey, Long> {

	Optional<ApiKey> findByTokenHash(String tokenHash);

	List<ApiKey> findAllByOrderByCreatedAtDesc();

	/** Records use at most once a minute per key, so API traffic does not turn into a write per request. */
	@Modifying
	@Transactional
	@Query("""
			update ApiKey k set k.lastUsedAt = :now
			where k.id = :id and (k.lastUsedAt is null or k.lastUsedAt < :staleBefore)
			""")
	int touch(@Param("id") long id, @Param("now") Instant now, @Param("staleBefore") Instant staleBefore);

}
