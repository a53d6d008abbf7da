package dev.partnerhub.payouts.web;

import java.util.List;

import dev.partnerhub.payouts.domain.PayoutExports;
import dev.partnerhub.payouts.domain.PayoutQueries;
import dev.partnerhub.payouts.domain.PayoutService;
import dev.partnerhub.payouts.domain.PayoutViews.Batch;
import dev.partnerhub.payouts.domain.PayoutViews.Created;
import dev.partnerhub.payouts.domain.PayoutViews.Line;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/payouts}: create a batch (201; nothing to pay → 409), read it, PayPal
 * CSV, mark paid (batch or item; idempotent, cancelled → 409), cancel (idempotent, paid →
 * 409).
 */
@RestController
@RequestMapping("/api/v1/payouts")
class PayoutApiController {

	private final PayoutService payouts;

	private final PayoutQueries queries;

	private final PayoutExports exports;

	private final ProgramApi programs;

	PayoutApiController(PayoutService payouts, PayoutQueries queries, PayoutExports exports, ProgramApi programs) {
		this.payouts = payouts;
		this.queries = queries;
		this.exports = exports;
		this.programs = programs;
	}

	/**
	 * {@code program} is a program name (case-insensitive); absent or blank = every
	 * program. {@code currency}: the batch's currency (a batch holds one); absent = the
	 * only currency with payable balances (several → 409).
	 */
	record CreateRequest(@Size(max = 120) String program, String currency) {
	}

	@PostMapping
	ResponseEntity<PayoutJson> create(@RequestBody(required = false) @Validated CreateRequest request) {
		Long programId = null;
		if (request != null && request.program() != null && !request.program().isBlank()) {
			programId = this.programs.findProgramByName(request.program().strip())
				.map(ProgramSummary::id)
				.orElseThrow(
						() -> new InvalidInputException("program", "Unknown program '" + request.program() + "'."));
		}
		Created created = this.payouts.create(programId, request == null ? null : request.currency());
		return ResponseEntity.status(HttpStatus.CREATED).body(json(created.batchId(), created.blocked()));
	}

	@GetMapping("/{id}")
	PayoutJson show(@PathVariable long id) {
		return json(id, null);
	}

	/**
	 * {@code currency} is needed only for a batch made before batches were per currency
	 * that mixes them.
	 */
	@GetMapping("/{id}/paypal.csv")
	void paypal(@PathVariable long id, @RequestParam(required = false) @Nullable String currency,
			HttpServletResponse response) {
		PayPalCsv.write(this.queries, batch(id), currency, response);
	}

	@PostMapping("/{id}/paid")
	PayoutJson paid(@PathVariable long id) {
		this.payouts.markPaid(id);
		return json(id, null);
	}

	/** {@code reference}: the bank's or PayPal's transaction id (optional, ≤ 140). */
	record ItemPaidRequest(@Size(max = 140) String reference) {
	}

	@PostMapping("/{id}/items/{itemId}/paid")
	PayoutJson itemPaid(@PathVariable long id, @PathVariable long itemId,
			@RequestBody(required = false) @Validated @Nullable ItemPaidRequest request) {
		this.payouts.markItemPaid(id, itemId, request == null ? null : request.reference());
		return json(id, null);
	}

	/**
	 * SEPA credit transfer file (pain.001.001.03) of the batch's EUR bank transfers to an
	 * IBAN; 409 without debtor settings (the message names them) or without such items.
	 */
	@GetMapping(value = "/{id}/sepa.xml", produces = MediaType.APPLICATION_XML_VALUE)
	ResponseEntity<byte[]> sepa(@PathVariable long id) {
		Batch batch = batch(id);
		if ("cancelled".equals(batch.status())) {
			throw new ConflictException("Payout batch " + id + " was cancelled; there is nothing to export.");
		}
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"sepa-payout-" + id + ".xml\"")
			.contentType(MediaType.APPLICATION_XML)
			.body(this.exports.sepa(id));
	}

	@PostMapping("/{id}/cancel")
	PayoutJson cancel(@PathVariable long id) {
		this.payouts.cancel(id);
		return json(id, null);
	}

	private Batch batch(long id) {
		return this.queries.findBatch(id).orElseThrow(() -> new NotFoundException("No payout batch " + id + "."));
	}

	private PayoutJson json(long id, List<Line> blocked) {
		return PayoutJson.of(batch(id), this.queries.totals(id), this.queries.items(id), blocked);
	}

}
