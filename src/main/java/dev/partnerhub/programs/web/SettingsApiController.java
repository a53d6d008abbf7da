package dev.partnerhub.programs.web;

import dev.partnerhub.programs.domain.ProgramService;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/settings}: the global partner settings; PUT changes only the fields it
 * carries.
 */
@RestController
@RequestMapping("/api/v1/settings")
class SettingsApiController {

	private final ProgramService programs;

	SettingsApiController(ProgramService programs) {
		this.programs = programs;
	}

	@GetMapping
	SettingsJson get() {
		return SettingsJson.of(this.programs.settings());
	}

	@PutMapping
	SettingsJson update(@RequestBody SettingsRequest body) {
		return SettingsJson.of(this.programs.updateSettings(body.applyTo(this.programs.settings())));
	}

}
