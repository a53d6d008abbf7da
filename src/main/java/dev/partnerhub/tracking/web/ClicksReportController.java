package dev.partnerhub.tracking.web;

import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.support.web.Csv;
import dev.partnerhub.support.web.PageLinks;
import dev.partnerhub.tracking.domain.ClickReport;
import dev.partnerhub.tracking.domain.ClickReport.Grouping;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Console: clicks by partner, promo tool or SubID over a range of days (default: the last
 * 30), with a chart of clicks per day and a CSV export of the same groups. Parameters
 * arrive as text so a bad one is a message, not a 500.
 */
@Controller
class ClicksReportController {

	static final int PAGE_SIZE = 20;

	private final ClickReport report;

	private final ProgramApi programs;

	private final Clock clock;

	ClicksReportController(ClickReport report, ProgramApi programs, Clock clock) {
		this.report = report;
		this.programs = programs;
		this.clock = clock;
	}

	@GetMapping("/admin/clicks")
	String report(@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String program,
			@RequestParam(required = false) @Nullable String group,
			@RequestParam(required = false) @Nullable String sort,
			@RequestParam(required = false) @Nullable String page, Model model, HttpServletResponse response) {
		ClicksReportRequest request = parse(from, to, program, group, sort, page);
		model.addAttribute("request", request);
		model.addAttribute("programs", this.programs.allPrograms());
		model.addAttribute("groupings", Grouping.values());
		if (!request.errors().isEmpty()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return "tracking/clicks";
		}
		ClickReport.Query query = request.query();
		Page<ClickReport.Row> groups = this.report.groups(query,
				PageRequest.of(request.page(), PAGE_SIZE, request.sort()));
		model.addAttribute("grouping", query.grouping());
		model.addAttribute("groups", groups);
		model.addAttribute("links", PageLinks.of(groups, ServletUriComponentsBuilder.fromCurrentRequest()));
		model.addAttribute("chart", ClickChart.of(query, this.report.perDay(query)));
		return "tracking/clicks";
	}

	@GetMapping("/admin/clicks.csv")
	void csv(@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String program,
			@RequestParam(required = false) @Nullable String group,
			@RequestParam(required = false) @Nullable String sort, HttpServletResponse response) throws IOException {
		ClicksReportRequest request = parse(from, to, program, group, sort, null);
		if (!request.errors().isEmpty()) {
			response.sendError(HttpStatus.BAD_REQUEST.value(), String.join(" ", request.errors().values()));
			return;
		}
		ClickReport.Query query = request.query();
		Grouping grouping = query.grouping();
		List<String> header = new ArrayList<>(List.of(grouping.label()));
		if (grouping != Grouping.SUB) {
			header.add(grouping == Grouping.PARTNER ? "Name" : "Kind");
		}
		header.addAll(List.of("Clicks", "Duplicates"));
		if (grouping == Grouping.PARTNER) {
			header.add("Referred contacts");
		}
		header.addAll(List.of("From", "To"));
		Writer out = Csv.download(response, "clicks-" + query.from() + "-" + query.to() + ".csv", header);
		this.report.forEach(query, request.sort(), row -> {
			List<Object> cells = new ArrayList<>();
			cells.add(row.label());
			if (grouping != Grouping.SUB) {
				cells.add(row.detail());
			}
			cells.add(row.clicks());
			cells.add(row.duplicates());
			if (grouping == Grouping.PARTNER) {
				cells.add(row.referredContacts());
			}
			cells.add(query.from());
			cells.add(query.to());
			Csv.writeRow(out, cells);
		});
	}

	private ClicksReportRequest parse(String from, String to, String program, String group, String sort, String page) {
		return ClicksReportRequest.parse(from, to, program, group, sort, page,
				LocalDate.now(this.clock.withZone(ZoneOffset.UTC)), id -> this.programs.findProgram(id).isPresent());
	}

}
