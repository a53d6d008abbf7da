package dev.partnerhub.rollups.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.partnerhub.partners.PartnerApi;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.rollups.LeaderboardEntry;
import dev.partnerhub.rollups.Leaderboards;
import dev.partnerhub.rollups.RollupField;
import dev.partnerhub.rollups.domain.RollupDefinitions;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import dev.partnerhub.support.Excerpts;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/leaderboard?rollup=&program=&limit=[&partner=]} → {@code [{rank,
 * partnerCode, name, value}]} (the contract's array). With {@code partner}, every entry
 * gets {@code "you"} (true for that partner) and, when he is ranked outside the top
 * {@code limit}, his own entry is appended as the last element. {@code GET
 * /api/v1/leaderboard/rank?rollup=&program=&partner=} → {@code {rank, partnerCode, name,
 * value, of}}.
 */
@RestController
class LeaderboardApiController {

	static final int DEFAULT_LIMIT = 50;

	private final Leaderboards leaderboards;

	private final RollupDefinitions definitions;

	private final ProgramApi programs;

	private final PartnerApi partners;

	LeaderboardApiController(Leaderboards leaderboards, RollupDefinitions definitions, ProgramApi programs,
			PartnerApi partners) {
		this.leaderboards = leaderboards;
		this.definitions = definitions;
		this.programs = programs;
		this.partners = partners;
	}

	@GetMapping("/api/v1/leaderboard")
	List<Map<String, Object>> leaderboard(@RequestParam(required = false) @Nullable String rollup,
			@RequestParam(required = false) @Nullable String program,
			@RequestParam(required = false) @Nullable String limit,
			@RequestParam(required = false) @Nullable String partner) {
		int size = limit(limit);
		RollupField field = rollup(rollup);
		ProgramSummary board = program(program);
		PartnerSummary you = partner == null || partner.isBlank() ? null : partner(partner);
		List<LeaderboardEntry> top = this.leaderboards.top(field.id(), board.id(), size);
		List<Map<String, Object>> body = new ArrayList<>(top.size() + 1);
		boolean listed = false;
		for (LeaderboardEntry entry : top) {
			boolean mine = you != null && entry.partnerId() == you.id();
			listed |= mine;
			body.add(json(entry, you == null ? null : mine));
		}
		if (you != null && !listed) {
			this.leaderboards.rankOf(field.id(), board.id(), you.id()).ifPresent(own -> body.add(json(own, true)));
		}
		return body;
	}

	@GetMapping("/api/v1/leaderboard/rank")
	Map<String, Object> rank(@RequestParam(required = false) @Nullable String rollup,
			@RequestParam(required = false) @Nullable String program,
			@RequestParam(required = false) @Nullable String partner) {
		RollupField field = rollup(rollup);
		ProgramSummary board = program(program);
		if (partner == null || partner.isBlank()) {
			throw new InvalidInputException("partner", "partner: a partner code is required");
		}
		PartnerSummary you = partner(partner);
		LeaderboardEntry own = this.leaderboards.rankOf(field.id(), board.id(), you.id())
			.orElseThrow(() -> new NotFoundException("Partner " + you.code() + " is not ranked on this leaderboard "
					+ "(only approved partners of the program with a value are)"));
		Map<String, Object> body = json(own, null);
		body.put("of", this.leaderboards.size(field.id(), board.id()));
		return body;
	}

	static Map<String, Object> json(LeaderboardEntry entry, Boolean you) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("rank", entry.rank());
		json.put("partnerCode", entry.partnerCode());
		json.put("name", entry.name());
		json.put("value", entry.json());
		if (you != null) {
			json.put("you", you);
		}
		return json;
	}

	static int limit(String limit) {
		if (limit == null || limit.isBlank()) {
			return DEFAULT_LIMIT;
		}
		int value;
		try {
			value = Integer.parseInt(limit.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("limit", "limit: must be a whole number between 1 and 500");
		}
		if (value < 1 || value > 500) {
			throw new InvalidInputException("limit", "limit: must be between 1 and 500, not " + value);
		}
		return value;
	}

	private RollupField rollup(String name) {
		if (name == null || name.isBlank()) {
			throw new InvalidInputException("rollup", "rollup: the name of a rollup field is required");
		}
		return this.definitions.findByName(name)
			.orElseThrow(() -> new NotFoundException("No rollup field named '" + Excerpts.of(name, 60) + "'"));
	}

	private ProgramSummary program(String name) {
		if (name == null || name.isBlank()) {
			throw new InvalidInputException("program", "program: the name of a program is required");
		}
		return Optional.ofNullable(name.length() > 200 ? null : name.strip())
			.flatMap(this.programs::findProgramByName)
			.orElseThrow(() -> new NotFoundException("No program named '" + Excerpts.of(name, 60) + "'"));
	}

	private PartnerSummary partner(String code) {
		return Optional.ofNullable(code.length() > 100 ? null : code.strip())
			.flatMap(this.partners::findByCode)
			.orElseThrow(() -> new NotFoundException("No partner with code '" + Excerpts.of(code, 60) + "'"));
	}

}
