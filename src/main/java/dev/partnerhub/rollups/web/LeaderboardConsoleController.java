package dev.partnerhub.rollups.web;

import java.io.Writer;
import java.util.List;

import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.rollups.LeaderboardEntry;
import dev.partnerhub.rollups.Leaderboards;
import dev.partnerhub.rollups.RollupField;
import dev.partnerhub.rollups.domain.RollupDefinitions;
import dev.partnerhub.support.web.Csv;
import dev.partnerhub.support.web.ListPage;
import dev.partnerhub.support.web.PageLinks;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Console: {@code /admin/leaderboards?rollup={id}&program={id}} — pick a rollup field and
 * a program, see the ranked partners a page at a time, export them as CSV.
 */
@Controller
class LeaderboardConsoleController {

	static final int PAGE_SIZE = 25;

	private final Leaderboards leaderboards;

	private final RollupDefinitions definitions;

	private final ProgramApi programs;

	LeaderboardConsoleController(Leaderboards leaderboards, RollupDefinitions definitions, ProgramApi programs) {
		this.leaderboards = leaderboards;
		this.definitions = definitions;
		this.programs = programs;
	}

	@GetMapping("/admin/leaderboards")
	String view(@RequestParam(required = false) @Nullable String rollup,
			@RequestParam(required = false) @Nullable String program,
			@ListPage(size = PAGE_SIZE, sizeParameter = false) Pageable pageable, HttpServletRequest request,
			Model model) {
		List<RollupField> fields = this.definitions.all();
		List<ProgramSummary> all = this.programs.allPrograms();
		RollupField field = find(rollup, fields);
		ProgramSummary board = findProgram(program, all);
		model.addAttribute("rollupFields", fields);
		model.addAttribute("programs", all);
		model.addAttribute("field", field);
		model.addAttribute("program", board);
		model.addAttribute("standingsCurrency", board == null ? null : board.currency());
		if (field != null && board != null) {
			long total = this.leaderboards.size(field.id(), board.id());
			List<LeaderboardEntry> entries = pageable.getOffset() >= total ? List.of()
					: this.leaderboards.page(field.id(), board.id(), pageable.getOffset(), pageable.getPageSize());
			Page<LeaderboardEntry> standings = new PageImpl<>(entries, pageable, total);
			model.addAttribute("standings", standings);
			model.addAttribute("links", PageLinks.of(standings, ConsoleForms.current(request)));
		}
		return "leaderboards/view";
	}

	@GetMapping("/admin/leaderboards.csv")
	void csv(@RequestParam(required = false) @Nullable String rollup,
			@RequestParam(required = false) @Nullable String program, HttpServletResponse response) {
		RollupField field = find(rollup, this.definitions.all());
		ProgramSummary board = findProgram(program, this.programs.allPrograms());
		Writer out = Csv.download(response, "leaderboard.csv", List.of("rank", "partner code", "name", "value"));
		if (field == null || board == null) {
			return;
		}
		long total = this.leaderboards.size(field.id(), board.id());
		for (long offset = 0; offset < total; offset += 500) {
			for (LeaderboardEntry entry : this.leaderboards.page(field.id(), board.id(), offset, 500)) {
				Csv.writeRow(out, List.of(entry.rank(), entry.partnerCode(), entry.name(), entry.display()));
			}
		}
	}

	/**
	 * By id (the select) or by name (a hand-written link); anything else is "not chosen
	 * yet".
	 */
	private static @Nullable RollupField find(String value, List<RollupField> fields) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.strip();
		return fields.stream()
			.filter(f -> String.valueOf(f.id()).equals(text) || f.name().equalsIgnoreCase(text))
			.findFirst()
			.orElse(null);
	}

	private static @Nullable ProgramSummary findProgram(String value, List<ProgramSummary> programs) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.strip();
		return programs.stream()
			.filter(p -> String.valueOf(p.id()).equals(text) || p.name().equalsIgnoreCase(text))
			.findFirst()
			.orElse(null);
	}

}
