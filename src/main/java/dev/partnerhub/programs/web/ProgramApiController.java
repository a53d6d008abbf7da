package dev.partnerhub.programs.web;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import dev.partnerhub.programs.LeadRewards;
import dev.partnerhub.programs.PartnerSettings;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.SignupSettings;
import dev.partnerhub.programs.domain.ProgramDefinition;
import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;

import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /api/v1/programs}, addressed by name (case-insensitive). Fields a client leaves
 * out take the global partner settings' defaults, so a minimal program is just a name and
 * a landing URL.
 */
@RestController
@RequestMapping("/api/v1/programs")
class ProgramApiController {

	private final ProgramService programs;

	private final SignupSettings signup;

	private final LeadRewards leadRewards;

	ProgramApiController(ProgramService programs, SignupSettings signup, LeadRewards leadRewards) {
		this.programs = programs;
		this.signup = signup;
		this.leadRewards = leadRewards;
	}

	@PostMapping
	ResponseEntity<ProgramJson> create(@RequestBody ProgramRequest body) {
		BigDecimal leadReward = Rates.money("leadReward", body.getLeadReward());
		ProgramSummary created = this.programs.createProgram(definition(body, null));
		if (Boolean.TRUE.equals(body.getAutoApprovePartners())) {
			this.signup.setAutoApprovePartners(created.id(), true);
		}
		if (leadReward != null) {
			this.leadRewards.setLeadReward(created.id(), leadReward);
		}
		URI location = UriComponentsBuilder.fromPath("/api/v1/programs/{name}")
			.buildAndExpand(created.name())
			.encode()
			.toUri();
		return ResponseEntity.created(location).body(json(created));
	}

	@GetMapping
	PageJson<ProgramJson> list(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		return PageJson.of(this.programs.findPrograms(PageJson.request(page, size, Sort.by("name"))), this::json);
	}

	@GetMapping("/{name}")
	ProgramJson get(@PathVariable String name) {
		return json(find(name));
	}

	/** A full update: fields left out take the global defaults again, as on create. */
	@PutMapping("/{name}")
	ProgramJson update(@PathVariable String name, @RequestBody ProgramRequest body) {
		ProgramSummary existing = find(name);
		BigDecimal leadReward = Rates.money("leadReward", body.getLeadReward());
		ProgramSummary updated = this.programs.updateProgram(existing.id(), definition(body, existing.id()));
		if (leadReward != null) {
			this.leadRewards.setLeadReward(existing.id(), leadReward);
		}
		if (body.getAutoApprovePartners() != null) {
			this.signup.setAutoApprovePartners(existing.id(), body.getAutoApprovePartners());
		}
		return json(updated);
	}

	private ProgramSummary find(String name) {
		return this.programs.findProgramByName(name)
			.orElseThrow(() -> new NotFoundException("No program named " + name + "."));
	}

	private ProgramJson json(ProgramSummary program) {
		return ProgramJson
			.of(program, id -> this.programs.findProduct(id).orElseThrow(),
					id -> this.programs.findProgram(id).orElseThrow())
			.withLeadReward(this.leadRewards.leadReward(program.id()).orElse(null));
	}

	private ProgramDefinition definition(ProgramRequest body, Long id) {
		PartnerSettings defaults = this.programs.settings();
		List<ProgramDefinition.ProductRateDefinition> productRates = new ArrayList<>();
		List<ProgramJson.ProductRateJson> requested = body.getProductRates() == null ? List.of()
				: body.getProductRates();
		for (int i = 0; i < requested.size(); i++) {
			ProgramJson.ProductRateJson rate = requested.get(i);
			String field = "productRates[" + i + "]";
			if (rate == null) {
				throw new InvalidInputException(field,
						"A product rate {sku, firstTierRate, secondTierRate} is required.");
			}
			ProductSummary product = this.programs.findProductBySku(rate.sku())
				.orElseThrow(
						() -> new InvalidInputException(field + ".sku", "No product with SKU " + rate.sku() + "."));
			productRates.add(new ProgramDefinition.ProductRateDefinition(product.id(),
					rate.firstTierRate() == null ? null : Rates.parse(field + ".firstTierRate", rate.firstTierRate()),
					rate.secondTierRate() == null ? null
							: Rates.parse(field + ".secondTierRate", rate.secondTierRate())));
		}
		Long nextLevel = null;
		if (body.getNextLevelProgram() != null && !body.getNextLevelProgram().isBlank()) {
			ProgramSummary next = this.programs.findProgramByName(body.getNextLevelProgram())
				.orElseThrow(() -> new InvalidInputException("nextLevelProgram",
						"No program named " + body.getNextLevelProgram() + "."));
			if (next.id() == (id == null ? -1 : id)) {
				throw new InvalidInputException("nextLevelProgram", "A program cannot be its own next level.");
			}
			nextLevel = next.id();
		}
		BigDecimal minimumPayout = Rates.money("minimumPayout", body.getMinimumPayout());
		return new ProgramDefinition(body.getName(), body.getLandingUrl(),
				body.getTiers() == null ? 1 : body.getTiers(),
				body.getCurrency() == null ? defaults.defaultCurrency() : body.getCurrency(),
				body.getFirstTierRate() == null ? defaults.defaultFirstTierRate()
						: Rates.parse("firstTierRate", body.getFirstTierRate()),
				body.getSecondTierRate() == null ? defaults.defaultSecondTierRate()
						: Rates.parse("secondTierRate", body.getSecondTierRate()),
				body.getCookieDays() == null ? defaults.defaultCookieDays() : body.getCookieDays(),
				body.approvalDelayDaysGiven() ? body.getApprovalDelayDays() : defaults.defaultApprovalDelayDays(),
				minimumPayout == null ? defaults.defaultMinimumPayout() : minimumPayout,
				body.getRecurringCommissions() == null || body.getRecurringCommissions(), body.getRecurringMonths(),
				nextLevel, productRates);
	}

}
