package dev.partnerhub.accounts.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

public interface ApiKeyRepository extends ListCrudRepository<ApiKey, Long> {

	Optional<ApiKey> findByTokenHash(String tokenHash);

	List<ApiKey> findAllByOrderByCreatedAtDesc();

	/**
	 * Records use at most once a minute per key, so API traffic does not turn into a
	 * write per request.
	 */
	@Modifying
	@Transactional
	@Query("""
			update api_key set last_used_at = :now
			where id = :id and (last_used_at is null or last_used_at < :staleBefore)
			""")
	int touch(@Param("id") long id, @Param("now") Instant now, @Param("staleBefore") Instant staleBefore);

}
