package dev.partnerhub.rollups.web;

import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.rollups.RollupField;
import dev.partnerhub.rollups.RollupFunction;
import dev.partnerhub.rollups.RollupValue;
import dev.partnerhub.rollups.domain.PartnerValues;
import dev.partnerhub.rollups.domain.RollupDefinitions;
import dev.partnerhub.support.web.Csv;
import dev.partnerhub.support.web.ListPage;
import dev.partnerhub.support.web.ListParams;
import dev.partnerhub.support.web.PageLinks;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Partners with rollup columns ({@code /admin/rollups/partners}): choose the rollup
 * fields to show, sort by one ({@code sort=r<id>,desc}) and keep partners whose value is
 * at least X. Forgiving parameters: unknown ids and bad numbers are ignored with a note.
 * CSV of the whole filtered list.
 */
@Controller
class PartnerValuesController {

	private final PartnerValues values;

	private final RollupDefinitions definitions;

	private final ProgramApi programs;

	PartnerValuesController(PartnerValues values, RollupDefinitions definitions, ProgramApi programs) {
		this.values = values;
		this.definitions = definitions;
		this.programs = programs;
	}

	@GetMapping("/admin/rollups/partners")
	String list(@ModelAttribute PartnerValuesParams params,
			@ListPage(size = 25, maxSize = 100, sortable = "code", sortablePrefixes = "r") Pageable asked,
			HttpServletRequest request, Model model) {
		List<String> problems = new ArrayList<>();
		Parsed parsed = parse(params, asked.getSort(), problems);
		Pageable pageable = PageRequest.of(asked.getPageNumber(), asked.getPageSize(), parsed.sort());
		Page<PartnerValues.Row> rows = this.values.find(parsed.query(), pageable);
		model.addAttribute("rows", rows);
		model.addAttribute("links", PageLinks.of(rows, ListParams.currentList(request)));
		model.addAttribute("columns", parsed.columns());
		model.addAttribute("fields", this.definitions.all());
		model.addAttribute("selected", parsed.columns().stream().map(c -> c.field().id()).toList());
		model.addAttribute("programs", this.programs.allPrograms());
		model.addAttribute("selectedProgram", parsed.query().programId());
		model.addAttribute("minOf", parsed.query().minOf());
		model.addAttribute("min", parsed.query().min() == null ? "" : parsed.query().min().toPlainString());
		model.addAttribute("q", parsed.query().search() == null ? "" : parsed.query().search());
		model.addAttribute("problems", problems);
		return "rollups/partners";
	}

	@GetMapping("/admin/rollups/partners.csv")
	void csv(@ModelAttribute PartnerValuesParams params,
			@ListPage(sortable = "code", sortablePrefixes = "r") Sort asked, HttpServletResponse response) {
		Parsed parsed = parse(params, asked, new ArrayList<>());
		List<String> header = new ArrayList<>(List.of("code", "name", "email", "program"));
		parsed.columns().forEach(c -> header.add(c.field().name()));
		Writer out = Csv.download(response, "partner-rollups.csv", header);
		this.values.forEach(parsed.query(), row -> {
			List<Object> cells = new ArrayList<>(List.of(row.code(), row.name(), row.email(), row.programName()));
			for (int i = 0; i < parsed.columns().size(); i++) {
				BigDecimal value = row.values().get(i);
				cells.add(value == null ? "" : parsed.columns().get(i).format(value));
			}
			Csv.writeRow(out, cells);
		});
	}

	private record Parsed(PartnerValues.Query query, List<RollupColumn> columns, Sort sort) {
	}

	/**
	 * The list's sort keys are {@code code} and {@code r<id>} of a shown column: the
	 * resolver lets any {@code r…} key through (its {@code sortablePrefixes}), this keeps
	 * it only for a chosen column; otherwise, and without a sort, the first column
	 * (highest first) or the code — a default that depends on the columns, so
	 * {@code @ListPage} has none.
	 */
	private Parsed parse(PartnerValuesParams params, Sort asked, List<String> problems) {
		List<String> col = params.col();
		Map<Long, RollupField> byId = this.definitions.all()
			.stream()
			.collect(Collectors.toMap(RollupField::id, Function.identity()));
		List<RollupColumn> columns = new ArrayList<>();
		if (col != null) {
			for (String text : col) {
				long id = ListParams.number(text, -1);
				RollupField field = byId.get(id);
				if (field != null && columns.stream().noneMatch(c -> c.field().id() == id)
						&& columns.size() < PartnerValues.MAX_COLUMNS) {
					columns.add(new RollupColumn(field, "r" + id));
				}
			}
		}
		if (columns.isEmpty() && col == null) {
			byId.values()
				.stream()
				.sorted(java.util.Comparator.comparing(RollupField::name, String.CASE_INSENSITIVE_ORDER))
				.limit(3)
				.forEach(f -> columns.add(new RollupColumn(f, "r" + f.id())));
		}
		Sort parsedSort = asked.stream()
			.findFirst()
			.filter(o -> o.getProperty().equals("code")
					|| columns.stream().anyMatch(c -> c.property().equals(o.getProperty())))
			.map(Sort::by)
			.orElse(columns.isEmpty() ? Sort.by("code") : Sort.by(Sort.Direction.DESC, columns.get(0).property()));
		Sort.Order order = parsedSort.iterator().next();
		Long sortBy = order.getProperty().startsWith("r") ? Long.valueOf(order.getProperty().substring(1)) : null;
		Long minField = null;
		long minId = ListParams.number(params.minOf(), -1);
		if (byId.containsKey(minId)) {
			minField = minId;
		}
		BigDecimal minValue = null;
		String minText = ListParams.trimmed(params.min(), 30);
		if (minText != null) {
			try {
				minValue = new BigDecimal(minText);
			}
			catch (NumberFormatException ex) {
				problems.add("'" + minText + "' is not a number; the “at least” filter was ignored.");
			}
		}
		if (minValue != null && minField == null) {
			problems.add("Choose the rollup field the “at least” filter applies to.");
		}
		long programId = ListParams.number(params.program(), -1);
		Long programFilter = programId > 0 ? programId : null;
		return new Parsed(
				new PartnerValues.Query(columns.stream().map(c -> c.field().id()).toList(), sortBy,
						order.isDescending(), minField, minValue, programFilter, ListParams.trimmed(params.q(), 200)),
				columns, parsedSort);
	}

	static boolean isCount(RollupField field) {
		return field.function() == RollupFunction.COUNT;
	}

}
