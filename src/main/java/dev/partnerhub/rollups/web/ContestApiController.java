package dev.partnerhub.rollups.web;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.partnerhub.partners.PartnerApi;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.rollups.Contest;
import dev.partnerhub.rollups.LeaderboardEntry;
import dev.partnerhub.rollups.domain.ContestDraft;
import dev.partnerhub.rollups.domain.ContestService;
import dev.partnerhub.rollups.domain.RollupDefinitions;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/contests} {@code {name, program, products: [sku], startsOn,
 * endsOn?, rollup?, measure?}} (without {@code rollup} the contest creates its rollup:
 * {@code measure} amount (default) or count); {@code GET /api/v1/contests[?program=]},
 * {@code GET/DELETE /api/v1/contests/{id}}, {@code GET
 * /api/v1/contests/{id}/standings?page=&size=} → {@code {items: [{rank, partnerCode,
 * name, value}], page, size, total}}.
 */
@RestController
class ContestApiController {

	record ContestRequest(@Nullable String name, @Nullable String program, @Nullable List<String> products,
			@Nullable String startsOn, @Nullable String endsOn, @Nullable String rollup, @Nullable String measure) {
	}

	private final ContestService contests;

	private final RollupDefinitions definitions;

	private final ProgramApi programs;

	private final PartnerApi partners;

	ContestApiController(ContestService contests, RollupDefinitions definitions, ProgramApi programs,
			PartnerApi partners) {
		this.contests = contests;
		this.definitions = definitions;
		this.programs = programs;
		this.partners = partners;
	}

	@PostMapping("/api/v1/contests")
	ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) ContestRequest request) {
		if (request == null) {
			throw new InvalidInputException(null,
					"A JSON body {name, program, products, startsOn, endsOn?, rollup?, " + "measure?} is required.");
		}
		Long programId = null;
		if (request.program() != null && !request.program().isBlank()) {
			programId = this.programs.findProgramByName(request.program().strip())
				.orElseThrow(() -> new InvalidInputException("program",
						"program: no program named '" + request.program().strip() + "'"))
				.id();
		}
		Long rollupId = null;
		boolean create = request.rollup() == null || request.rollup().isBlank();
		if (!create) {
			rollupId = this.definitions.findByName(request.rollup())
				.orElseThrow(() -> new InvalidInputException("rollup",
						"rollup: no rollup field named '" + request.rollup().strip() + "'"))
				.id();
		}
		Contest contest = this.contests.create(
				new ContestDraft(request.name(), programId, request.products(), date("startsOn", request.startsOn()),
						date("endsOn", request.endsOn()), create, request.measure(), rollupId));
		return ResponseEntity.created(URI.create("/api/v1/contests/" + contest.id())).body(json(contest));
	}

	@GetMapping("/api/v1/contests")
	Map<String, Object> list(@RequestParam(required = false) @Nullable String program) {
		List<Contest> all;
		if (program == null || program.isBlank()) {
			all = this.contests.all();
		}
		else {
			long id = this.programs.findProgramByName(program.strip())
				.orElseThrow(() -> new NotFoundException("No program named '" + program.strip() + "'"))
				.id();
			all = this.contests.ofProgram(id);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("items", all.stream().map(this::json).toList());
		body.put("page", 0);
		body.put("size", all.size());
		body.put("total", all.size());
		return body;
	}

	@GetMapping("/api/v1/contests/{id}")
	Map<String, Object> get(@PathVariable long id) {
		return json(this.contests.get(id));
	}

	@DeleteMapping("/api/v1/contests/{id}")
	ResponseEntity<Void> delete(@PathVariable long id) {
		this.contests.delete(id);
		return ResponseEntity.noContent().build();
	}

	/**
	 * A page of standings; with {@code partner}, also {@code you}: his own entry (null
	 * when he is not ranked).
	 */
	@GetMapping("/api/v1/contests/{id}/standings")
	Map<String, Object> standings(@PathVariable long id, @RequestParam(required = false) @Nullable String page,
			@RequestParam(required = false) @Nullable String size,
			@RequestParam(required = false) @Nullable String partner) {
		this.contests.get(id);
		int number = whole("page", page, 0, 0, 100_000);
		int pageSize = whole("size", size, 50, 1, 500);
		List<Map<String, Object>> items = this.contests.standings(id, (long) number * pageSize, pageSize)
			.stream()
			.map(entry -> LeaderboardApiController.json(entry, null))
			.toList();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("items", items);
		body.put("page", number);
		body.put("size", pageSize);
		body.put("total", this.contests.standingsSize(id));
		if (partner != null && !partner.isBlank()) {
			PartnerSummary you = this.partners.findByCode(partner.strip())
				.orElseThrow(() -> new NotFoundException("No partner with code '" + partner.strip() + "'"));
			LeaderboardEntry own = this.contests.rankOf(id, you.id()).orElse(null);
			body.put("you", own == null ? null : LeaderboardApiController.json(own, null));
		}
		return body;
	}

	private Map<String, Object> json(Contest contest) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", contest.id());
		json.put("name", contest.name());
		json.put("program", contest.programName());
		json.put("products", contest.skus());
		json.put("startsOn", contest.startsOn().toString());
		json.put("endsOn", contest.endsOn() == null ? null : contest.endsOn().toString());
		json.put("rollup", contest.rollupName());
		json.put("status", contest.status(this.contests.today()));
		return json;
	}

	private static @Nullable LocalDate date(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException(field, field + ": '" + value + "' is not a date (use 2026-01-31)");
		}
	}

	private static int whole(String field, String value, int fallback, int min, int max) {
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			int number = Integer.parseInt(value.strip());
			if (number >= min && number <= max) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new InvalidInputException(field, field + ": must be a whole number from " + min + " to " + max);
	}

}
