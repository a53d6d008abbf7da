package dev.partnerhub.rollups.domain;

import org.springframework.data.repository.ListCrudRepository;

interface ContestRepository extends ListCrudRepository<ContestDefinition, Long> {

}
