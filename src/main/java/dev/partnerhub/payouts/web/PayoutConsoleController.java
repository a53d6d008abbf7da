package dev.partnerhub.payouts.web;

import java.io.Writer;
import java.util.List;

import dev.partnerhub.payouts.domain.PayoutExports;
import dev.partnerhub.payouts.domain.PayoutExports.ExportItem;
import dev.partnerhub.payouts.domain.PayoutExports.Part;
import dev.partnerhub.payouts.domain.PayoutQueries;
import dev.partnerhub.payouts.domain.PayoutService;
import dev.partnerhub.payouts.domain.PayoutViews.Batch;
import dev.partnerhub.payouts.domain.PayoutViews.Created;
import dev.partnerhub.payouts.domain.PayoutViews.Item;
import dev.partnerhub.payouts.domain.PayoutViews.Preview;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import dev.partnerhub.support.web.Csv;
import dev.partnerhub.support.web.ErrorPages;
import dev.partnerhub.support.web.ListPage;
import dev.partnerhub.support.web.PageLinks;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The console's payouts: batches, "pay your partners" (preview, then create), a batch
 * with its items and actions.
 */
@ErrorPages(nav = "payouts", back = "/admin/payouts", backLabel = "Back to payouts",
		notFound = "Payout batch not found", notFoundDetail = "There is no payout batch with this id.")
@Controller
class PayoutConsoleController {

	static final int PAGE_SIZE = 25;

	static final int ITEM_PAGE_SIZE = 100;

	/**
	 * The preview lists this many lines per group; counts and sums always cover all of
	 * them.
	 */
	static final int PREVIEW_LINES = 200;

	private static final List<String> CSV_HEADER = List.of("partner_code", "name", "email", "payout_email", "amount",
			"currency", "commissions", "status", "paid_at", "method", "reference");

	private static final List<String> BANK_HEADER = List.of("partner_code", "account_holder", "iban", "bic",
			"local_account_details", "amount", "currency", "reference", "status");

	private static final List<String> MANUAL_HEADER = List.of("partner_code", "name", "email", "instructions", "amount",
			"currency", "reference", "status");

	private final PayoutService payouts;

	private final PayoutQueries queries;

	private final PayoutExports exports;

	private final ProgramApi programs;

	PayoutConsoleController(PayoutService payouts, PayoutQueries queries, PayoutExports exports, ProgramApi programs) {
		this.payouts = payouts;
		this.queries = queries;
		this.exports = exports;
		this.programs = programs;
	}

	@GetMapping("/admin/payouts")
	String list(@ListPage(size = PAGE_SIZE, sizeParameter = false) Pageable pageable, HttpServletRequest request,
			Model model) {
		Page<Batch> batches = this.queries.batches(pageable);
		model.addAttribute("batches", batches);
		// a batch from before batches were per currency has no one total: its totals per
		// currency instead (a page holds at most PAGE_SIZE of them)
		java.util.Map<Long, Object> mixed = new java.util.HashMap<>();
		batches.forEach(b -> {
			if (b.currency() == null) {
				mixed.put(b.id(), this.queries.totals(b.id()));
			}
		});
		model.addAttribute("mixedTotals", mixed);
		model.addAttribute("links", PageLinks.of(batches, UriComponentsBuilder.fromPath(request.getRequestURI())));
		return "payouts/list";
	}

	@GetMapping("/admin/payouts/new")
	String preview(@RequestParam(required = false) @Nullable String program, Model model) {
		Long programId = programId(program, model);
		Preview preview = this.queries.preview(programId);
		model.addAttribute("preview", preview);
		List<ProgramSummary> programs = this.programs.allPrograms();
		model.addAttribute("programs", programs);
		model.addAttribute("programId", programId);
		model.addAttribute("zeroCurrencies", zeroCurrencies(programs, programId));
		model.addAttribute("limit", PREVIEW_LINES);
		return "payouts/new";
	}

	/**
	 * {@code currency}: the batch's currency (the preview offers one button per payable
	 * currency).
	 */
	@PostMapping("/admin/payouts")
	String create(@RequestParam(required = false) @Nullable String program,
			@RequestParam(required = false) @Nullable String currency, RedirectAttributes redirect) {
		Long programId = programId(program, null);
		if (programId == null && program != null && !program.isBlank()) {
			// Never widen a tampered or stale program choice to "every program".
			redirect.addFlashAttribute("error", "Unknown program '" + program + "'; no batch was created.");
			return "redirect:/admin/payouts/new";
		}
		try {
			Created created = this.payouts.create(programId, currency == null || currency.isBlank() ? null : currency);
			redirect.addFlashAttribute("message", "Payout batch " + created.batchId() + " (" + created.currency()
					+ ") created." + (created.blocked().isEmpty() ? "" : " " + created.blocked().size()
							+ " partner(s) without a usable payout method or required tax details were left out."));
			return "redirect:/admin/payouts/" + created.batchId();
		}
		catch (ConflictException | NotFoundException | InvalidInputException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/admin/payouts/new" + (programId == null ? "" : "?program=" + programId);
		}
	}

	/**
	 * What an empty total is "0.00" in: the chosen program's currency, else those of all
	 * programs (each on its own: amounts of different currencies are never added).
	 */
	static List<String> zeroCurrencies(List<ProgramSummary> programs, Long programId) {
		return programs.stream()
			.filter(p -> programId == null || p.id() == programId)
			.map(ProgramSummary::currency)
			.distinct()
			.sorted()
			.toList();
	}

	@GetMapping("/admin/payouts/{id}")
	String show(@PathVariable long id, @ListPage(size = ITEM_PAGE_SIZE, sizeParameter = false) Pageable pageable,
			HttpServletRequest request, Model model) {
		Batch batch = batch(id);
		Page<Item> items = this.queries.items(id, pageable);
		model.addAttribute("batch", batch);
		model.addAttribute("totals", this.queries.totals(id));
		model.addAttribute("parts", partCounts(id));
		model.addAttribute("items", items);
		model.addAttribute("links", PageLinks.of(items, UriComponentsBuilder.fromPath(request.getRequestURI())));
		return "payouts/show";
	}

	@PostMapping("/admin/payouts/{id}/paid")
	String paid(@PathVariable long id, RedirectAttributes redirect) {
		return act(id, redirect, () -> this.payouts.markPaid(id), "Payout batch " + id + " marked paid.");
	}

	@PostMapping("/admin/payouts/{id}/items/{itemId}/paid")
	String itemPaid(@PathVariable long id, @PathVariable long itemId,
			@RequestParam(required = false) @Nullable String reference, RedirectAttributes redirect) {
		try {
			return act(id, redirect, () -> this.payouts.markItemPaid(id, itemId, reference),
					"Payout item marked paid.");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/admin/payouts/" + id;
		}
	}

	/**
	 * SEPA credit transfer (pain.001.001.03) of the batch's EUR bank transfers to an
	 * IBAN. Without debtor settings, or nothing to put in it, the batch page says why.
	 */
	@GetMapping("/admin/payouts/{id}/sepa.xml")
	@Nullable ModelAndView sepa(@PathVariable long id, HttpServletResponse response, RedirectAttributes redirect)
			throws java.io.IOException {
		Batch batch = batch(id);
		byte[] file;
		try {
			if ("cancelled".equals(batch.status())) {
				throw new ConflictException("Payout batch " + id + " was cancelled; there is nothing to export.");
			}
			file = this.exports.sepa(batch.id());
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return new ModelAndView("redirect:/admin/payouts/" + id);
		}
		response.setContentType(MediaType.APPLICATION_XML_VALUE);
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"sepa-payout-" + id + ".xml\"");
		response.getOutputStream().write(file);
		response.flushBuffer();
		return null;
	}

	/**
	 * Bank transfers that are not in the SEPA file (another currency, or local account
	 * details), with the full account details.
	 */
	@GetMapping("/admin/payouts/{id}/bank.csv")
	void bankCsv(@PathVariable long id, HttpServletResponse response) {
		batch(id);
		Writer out = Csv.download(response, "bank-payout-" + id + ".csv", BANK_HEADER);
		for (ExportItem item : this.exports.items(id, Part.BANK)) {
			Csv.writeRow(out,
					List.of(item.partnerCode(), nz(item.accountHolder()), nz(item.iban()), nz(item.bic()),
							nz(item.localDetails()), item.amount().setScale(2), item.currency(),
							"PH-" + id + "-" + item.id(), item.status()));
		}
	}

	/** Items the partner is paid some other way: his instructions, to pay by hand. */
	@GetMapping("/admin/payouts/{id}/manual.csv")
	void manualCsv(@PathVariable long id, HttpServletResponse response) {
		batch(id);
		Writer out = Csv.download(response, "manual-payout-" + id + ".csv", MANUAL_HEADER);
		for (ExportItem item : this.exports.items(id, Part.MANUAL)) {
			Csv.writeRow(out, List.of(item.partnerCode(), item.name(), item.email(), nz(item.instructions()),
					item.amount().setScale(2), item.currency(), "PH-" + id + "-" + item.id(), item.status()));
		}
	}

	private java.util.Map<String, Integer> partCounts(long id) {
		java.util.Map<String, Integer> counts = new java.util.HashMap<>();
		this.exports.counts(id).forEach((part, n) -> counts.put(part.name(), n));
		return counts;
	}

	private static String nz(String value) {
		return value == null ? "" : value;
	}

	@PostMapping("/admin/payouts/{id}/cancel")
	String cancel(@PathVariable long id, RedirectAttributes redirect) {
		return act(id, redirect, () -> this.payouts.cancel(id),
				"Payout batch " + id + " cancelled; its commissions can be paid in a later batch.");
	}

	@GetMapping("/admin/payouts/{id}/paypal.csv")
	void paypal(@PathVariable long id, @RequestParam(required = false) @Nullable String currency,
			HttpServletResponse response) {
		PayPalCsv.write(this.queries, batch(id), currency, response);
	}

	/** Generic export with a header row, every item whatever its status. */
	@GetMapping("/admin/payouts/{id}.csv")
	void csv(@PathVariable long id, HttpServletResponse response) {
		batch(id);
		Writer out = Csv.download(response, "payout-" + id + ".csv", CSV_HEADER);
		this.queries.forEachItem(id,
				item -> Csv.writeRow(out, List.of(item.partnerCode(), item.name(), item.email(), item.payoutEmail(),
						item.amount().setScale(2), item.currency(), item.commissionCount(), item.status(),
						item.paidAt() == null ? "" : item.paidAt().toString(), item.method(), nz(item.reference()))));
	}

	private String act(long id, RedirectAttributes redirect, Runnable action, String done) {
		try {
			action.run();
			redirect.addFlashAttribute("message", done);
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/admin/payouts/" + id;
	}

	private Batch batch(long id) {
		return this.queries.findBatch(id).orElseThrow(() -> new NotFoundException("No payout batch " + id + "."));
	}

	/**
	 * A program id from the query string; anything else means "every program" (with a
	 * message on the page).
	 */
	private @Nullable Long programId(String program, Model model) {
		if (program == null || program.isBlank()) {
			return null;
		}
		try {
			long id = Long.parseLong(program.strip());
			if (this.programs.findProgram(id).isPresent()) {
				return id;
			}
		}
		catch (NumberFormatException ex) {
			// falls through to the message
		}
		if (model != null) {
			model.addAttribute("problem", "Unknown program '" + program + "': showing every program.");
		}
		return null;
	}

}
