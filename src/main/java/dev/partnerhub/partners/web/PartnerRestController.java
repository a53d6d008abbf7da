package dev.partnerhub.partners.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import dev.partnerhub.accounts.ChosenPassword;
import dev.partnerhub.partners.PayoutEmail;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerDirectory;
import dev.partnerhub.partners.domain.PartnerRow;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.partners.domain.Registration;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/partners}: create partners, move them between programs, list them.
 * Programs are named by name.
 */
@RestController
@RequestMapping("/api/v1/partners")
class PartnerRestController {

	private final PartnerService partners;

	private final PartnerDirectory directory;

	private final ProgramApi programs;

	PartnerRestController(PartnerService partners, PartnerDirectory directory, ProgramApi programs) {
		this.partners = partners;
		this.directory = directory;
		this.programs = programs;
	}

	@PostMapping
	ResponseEntity<PartnerJson> create(@Valid @RequestBody NewPartner body) {
		ProgramSummary program = program(body.program());
		PartnerStatus status = status(body.status());
		Long parentId = this.partners.parentIdByCode(body.parentCode());
		PartnerSummary partner = this.partners.register(new Registration(body.email().strip(), body.firstName(),
				body.lastName(), program.id(), body.code(), status, parentId, body.payoutEmail(), body.password(),
				body.sendInvitation() == null || body.sendInvitation()));
		PartnerJson json = json(partner.id());
		return ResponseEntity.created(URI.create("/api/v1/partners/" + json.code())).body(json);
	}

	@GetMapping
	PageJson list(@RequestParam(required = false) @Nullable String program,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable Integer page,
			@RequestParam(required = false) @Nullable Integer size) {
		Long programId = program == null || program.isBlank() ? null : program(program).id();
		Pageable pageable = PartnerListRequest.pageable(page, size, "createdAt,asc");
		Page<PartnerRow> rows = this.directory.find(PartnerListRequest.filter(programId, status(status), null),
				pageable);
		return new PageJson(rows.getContent().stream().map(PartnerJson::of).toList(), pageable.getPageNumber(),
				pageable.getPageSize(), rows.getTotalElements());
	}

	@GetMapping("/{code}")
	PartnerJson show(@PathVariable String code) {
		return json(byCode(code).id());
	}

	@PutMapping("/{code}/program")
	PartnerJson changeProgram(@PathVariable String code, @Valid @RequestBody ProgramChange body) {
		PartnerSummary partner = byCode(code);
		this.partners.changeProgram(partner.id(), program(body.program()).id());
		return json(partner.id());
	}

	private PartnerSummary byCode(String code) {
		return this.partners.findByCode(code).orElseThrow(() -> new NotFoundException("No partner with code " + code));
	}

	private PartnerJson json(long id) {
		return this.directory.findOne(id)
			.map(PartnerJson::of)
			.orElseThrow(() -> new NotFoundException("No partner " + id));
	}

	private ProgramSummary program(String name) {
		return this.programs.findProgramByName(name.strip())
			.orElseThrow(() -> new InvalidInputException("program", "No program is named '" + name.strip() + "'."));
	}

	private static @Nullable PartnerStatus status(String status) {
		if (status == null || status.isBlank()) {
			return null;
		}
		try {
			return PartnerStatus.of(status.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("status", ex.getMessage());
		}
	}

	record NewPartner(@NotBlank @Email @Size(max = 254) String email, @Size(max = 100) @Nullable String firstName,
			@Size(max = 100) @Nullable String lastName, @NotBlank @Size(max = 120) String program,
			@Size(max = 40) @Nullable String code, @Size(max = 40) @Nullable String parentCode,
			@Email @PayoutEmail @Size(max = 254) @Nullable String payoutEmail,
			@ChosenPassword @Nullable String password, @Nullable String status, @Nullable Boolean sendInvitation) {
	}

	record ProgramChange(@NotBlank @Size(max = 120) String program) {
	}

	record PartnerJson(long id, String code, String email, String firstName, String lastName, String program,
			String status, @Nullable String parentCode, @Nullable String payoutEmail, Instant createdAt,
			String access) {

		static PartnerJson of(PartnerRow row) {
			return new PartnerJson(row.id(), row.code(), row.email(), row.firstName(), row.lastName(),
					row.programName(), row.status().value(), row.parentCode(), row.payoutEmail(), row.createdAt(),
					row.access().value());
		}

	}

	record PageJson(List<PartnerJson> items, int page, int size, long total) {
	}

}
