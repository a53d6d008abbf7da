package dev.partnerhub.payouts.web;

import java.io.Writer;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import dev.partnerhub.payouts.domain.TaxReport;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.MoneyInput;
import dev.partnerhub.support.web.Csv;
import dev.partnerhub.support.web.ErrorPages;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The yearly tax report (what was paid per partner and currency, for 1099-NEC
 * preparation): a form, a preview and the CSV. Bad input is a form message (CSV: 400).
 */
@ErrorPages(nav = "payouts", back = "/admin/payouts", backLabel = "Back to payouts")
@Controller
class TaxReportController {

	private static final List<String> HEADER = List.of("partner_code", "name", "email", "legal_name", "country",
			"tax_id", "entity_type", "us_person", "currency", "amount_paid", "payments");

	private final TaxReport report;

	private final Clock clock;

	TaxReportController(TaxReport report, Clock clock) {
		this.report = report;
		this.clock = clock;
	}

	@GetMapping("/admin/payouts/tax-report")
	String page(@RequestParam(required = false) @Nullable String year,
			@RequestParam(required = false) @Nullable String usThreshold, Model model) {
		int thisYear = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC).getYear();
		model.addAttribute("year", year == null ? String.valueOf(thisYear) : year);
		model.addAttribute("usThreshold", usThreshold == null ? "" : usThreshold);
		try {
			int y = year(year, thisYear);
			BigDecimal threshold = threshold(usThreshold);
			model.addAttribute("rows", this.report.rows(y, threshold));
		}
		catch (InvalidInputException ex) {
			model.addAttribute("problem", ex.getMessage());
			model.addAttribute("problemField", ex.field());
			model.addAttribute("rows", List.of());
		}
		return "payouts/tax-report";
	}

	@GetMapping("/admin/payouts/tax-report.csv")
	void csv(@RequestParam(required = false) @Nullable String year,
			@RequestParam(required = false) @Nullable String usThreshold, HttpServletResponse response)
			throws java.io.IOException {
		int thisYear = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC).getYear();
		int y;
		BigDecimal threshold;
		try {
			y = year(year, thisYear);
			threshold = threshold(usThreshold);
		}
		catch (InvalidInputException ex) {
			response.sendError(HttpStatus.BAD_REQUEST.value(), ex.getMessage());
			return;
		}
		Writer out = Csv.download(response, "tax-report-" + y + (threshold == null ? "" : "-us") + ".csv", HEADER);
		for (TaxReport.Row row : this.report.rows(y, threshold)) {
			Csv.writeRow(out,
					List.of(row.partnerCode(), row.name(), row.email(), nz(row.legalName()), nz(row.country()),
							nz(row.taxIdMask()), nz(row.entityType()),
							row.usPerson() == null ? "" : row.usPerson() ? "yes" : "no", row.currency(),
							row.amount().setScale(2), row.payments()));
		}
	}

	static int year(@Nullable String text, int thisYear) {
		if (text == null || text.isBlank()) {
			return thisYear;
		}
		try {
			int year = Integer.parseInt(text.strip());
			if (year >= 2000 && year <= thisYear + 1) {
				return year;
			}
		}
		catch (NumberFormatException ex) {
			// the message below
		}
		throw new InvalidInputException("year", "Enter a year between 2000 and " + (thisYear + 1) + ".");
	}

	static @Nullable BigDecimal threshold(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		if (text.length() > 20) {
			throw new InvalidInputException("usThreshold", "Enter an amount like 600.00.");
		}
		return MoneyInput.parse("usThreshold", text.strip());
	}

	private static String nz(@Nullable String value) {
		return value == null ? "" : value;
	}

}
