package dev.partnerhub.programs.web;

import java.util.ArrayList;
import java.util.List;

import dev.partnerhub.programs.domain.ExchangeRateService;
import dev.partnerhub.programs.domain.ExchangeRateService.NewRate;
import dev.partnerhub.programs.domain.ExchangeRateService.Saved;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.MoneyInput;
import dev.partnerhub.support.web.PageLinks;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code /admin/exchange-rates}: the stored rates (newest day first), a form to store
 * one, and a CSV box to store several at once ({@code base,quote,day,rate} per line; all
 * or nothing). A refused entry re-renders the page with 400 and the message; nothing is
 * stored.
 */
@Controller
class ExchangeRateConsoleController {

	private static final int PAGE_SIZE = 50;

	/** Lines the CSV box takes at once (a year of daily rates for a few pairs). */
	private static final int MAX_CSV_LINES = 5_000;

	private final ExchangeRateService rates;

	ExchangeRateConsoleController(ExchangeRateService rates) {
		this.rates = rates;
	}

	@GetMapping("/admin/exchange-rates")
	String list(@RequestParam(required = false) @Nullable String page, HttpServletRequest request, Model model) {
		model.addAttribute("form", new Form("", "", "", ""));
		return page(page, request, model);
	}

	record Form(String base, String quote, String rate, String day) {
	}

	@PostMapping("/admin/exchange-rates")
	String create(@RequestParam(defaultValue = "") String base, @RequestParam(defaultValue = "") String quote,
			@RequestParam(defaultValue = "") String rate, @RequestParam(defaultValue = "") String day,
			HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
		Form form = new Form(base, quote, rate, day);
		try {
			Saved saved = this.rates.store(new NewRate(base.strip(), quote.strip(),
					MoneyInput.parseDecimal("rate", rate.strip(), 8), ExchangeRateApiController.day(day.strip())));
			redirect.addFlashAttribute("message",
					(saved.created() ? "Stored " : "Already stored: ") + saved.stored().rate().pair() + " "
							+ ExchangeRateApiController.plain(saved.stored().rate().rate()) + " from "
							+ saved.stored().rate().day() + ".");
			return "redirect:/admin/exchange-rates";
		}
		catch (InvalidInputException | ConflictException ex) {
			response.setStatus(ex instanceof ConflictException ? 409 : 400);
			model.addAttribute("error", ex.getMessage());
			model.addAttribute("form", form);
			return page(null, request, model);
		}
	}

	@PostMapping("/admin/exchange-rates/import")
	String importCsv(@RequestParam(defaultValue = "") String csv, HttpServletRequest request,
			HttpServletResponse response, Model model, RedirectAttributes redirect) {
		try {
			List<NewRate> parsed = parse(csv);
			List<Saved> saved = this.rates.storeAll(parsed);
			long created = saved.stream().filter(Saved::created).count();
			redirect.addFlashAttribute("message", "Imported " + saved.size() + " rate(s): " + created + " new, "
					+ (saved.size() - created) + " already stored.");
			return "redirect:/admin/exchange-rates";
		}
		catch (InvalidInputException | ConflictException ex) {
			response.setStatus(ex instanceof ConflictException ? 409 : 400);
			model.addAttribute("error", ex.getMessage());
			model.addAttribute("csv", csv.length() > 200_000 ? "" : csv);
			model.addAttribute("form", new Form("", "", "", ""));
			return page(null, request, model);
		}
	}

	/**
	 * {@code base,quote,day,rate} per line; an optional header line and blank lines are
	 * skipped.
	 */
	static List<NewRate> parse(String csv) {
		List<NewRate> rows = new ArrayList<>();
		String[] lines = csv.split("\r?\n", -1);
		if (lines.length > MAX_CSV_LINES + 1) {
			throw new InvalidInputException("csv", "At most " + MAX_CSV_LINES + " lines at once.");
		}
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i].strip();
			if (line.isEmpty() || (i == 0 && line.toLowerCase(java.util.Locale.ROOT).startsWith("base"))) {
				continue;
			}
			String prefix = "Line " + (i + 1) + ": ";
			String[] cells = line.split("[,;\t]", -1);
			if (cells.length != 4) {
				throw new InvalidInputException("csv", prefix + "expected base,quote,day,rate (4 columns).");
			}
			try {
				rows.add(new NewRate(cells[0].strip(), cells[1].strip(),
						MoneyInput.parseDecimal("rate", cells[3].strip(), 8),
						ExchangeRateApiController.day(cells[2].strip())));
			}
			catch (InvalidInputException ex) {
				throw new InvalidInputException("csv", prefix + ex.getMessage());
			}
		}
		if (rows.isEmpty()) {
			throw new InvalidInputException("csv", "Paste at least one line base,quote,day,rate.");
		}
		return rows;
	}

	private String page(String page, HttpServletRequest request, Model model) {
		int number = 0;
		try {
			number = page == null ? 0 : Math.max(0, Math.min(Integer.parseInt(page), 100_000));
		}
		catch (NumberFormatException ex) {
			// first page
		}
		var rows = this.rates.list(null, null, PageRequest.of(number, PAGE_SIZE));
		model.addAttribute("rates", rows);
		model.addAttribute("links", PageLinks.of(rows, ServletUriComponentsBuilder.fromRequest(request)));
		return "programs/exchange-rates";
	}

}
