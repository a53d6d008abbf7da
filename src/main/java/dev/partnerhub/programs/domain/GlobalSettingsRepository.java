package dev.partnerhub.programs.domain;

import org.springframework.data.repository.ListCrudRepository;

public interface GlobalSettingsRepository extends ListCrudRepository<GlobalSettings, Short> {

}
