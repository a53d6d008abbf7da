package dev.partnerhub.tracking.domain;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface PromoToolRepository extends JpaRepository<PromoTool, Long> {

	Page<PromoTool> findByProgramId(long programId, Pageable pageable);

}
