package dev.partnerhub.tracking.domain;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;

interface PromoToolRepository
		extends ListCrudRepository<PromoTool, Long>, ListPagingAndSortingRepository<PromoTool, Long> {

	Page<PromoTool> findByProgramId(long programId, Pageable pageable);

}
