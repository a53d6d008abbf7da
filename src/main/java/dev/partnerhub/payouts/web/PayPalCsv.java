package dev.partnerhub.payouts.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.partnerhub.partners.PayoutEmail;
import dev.partnerhub.payouts.domain.PayoutQueries;
import dev.partnerhub.payouts.domain.PayoutViews.Batch;
import dev.partnerhub.payouts.domain.PayoutViews.Item;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.NotFoundException;
import dev.partnerhub.support.web.Csv;
import jakarta.servlet.http.HttpServletResponse;

/**
 * PayPal Payouts / Mass Pay upload file: no header row, one line per item: recipient
 * e-mail, amount (two decimals, no symbol), currency, a unique id
 * ({@code ph-<batch>-<item>}, ≤ 30 characters, so PayPal refuses a double upload of the
 * same line), and a note. Cancelled batches and items are not exported, nor items paid by
 * another method (bank transfer, other). A file holds one currency (PayPal takes one per
 * upload): a batch is of one currency; an old batch that mixes them is exported one
 * currency at a time ({@code ?currency=}).
 */
final class PayPalCsv {

	private PayPalCsv() {
	}

	static void write(PayoutQueries queries, Batch batch, String requestedCurrency, HttpServletResponse response) {
		if ("cancelled".equals(batch.status())) {
			throw new ConflictException("Payout batch " + batch.id() + " was cancelled; there is nothing to export.");
		}
		List<String> currencies = batch.currency() != null ? List.of(batch.currency())
				: queries.totals(batch.id()).stream().map(t -> t.currency()).toList();
		String currency;
		if (requestedCurrency != null && !requestedCurrency.isEmpty()) {
			if (!currencies.contains(requestedCurrency)) {
				throw new NotFoundException("Payout batch " + batch.id() + " has no items in that currency.");
			}
			currency = requestedCurrency;
		}
		else if (currencies.size() > 1) {
			throw new ConflictException("currency", "Payout batch " + batch.id() + " mixes "
					+ String.join(", ", currencies)
					+ " (it was made before batches were per currency): export one currency at a time with ?currency=.");
		}
		else {
			currency = currencies.isEmpty() ? null : currencies.get(0);
		}
		List<Item> items = new ArrayList<>();
		queries.forEachItem(batch.id(), item -> {
			// bank and "other" items are paid with their own files
			if (!"cancelled".equals(item.status()) && "paypal".equals(item.method())
					&& (currency == null || currency.equals(item.currency()))) {
				items.add(item);
			}
		});
		// The recipient must reach PayPal exactly. Input refuses a payout e-mail that
		// starts with = + - @ (a
		// spreadsheet would run it, so CSV writing would have to change it); only an item
		// of a batch made before that
		// rule can still have one: no file rather than one that pays '=1@x.io.
		for (Item item : items) {
			if (PayoutEmail.Check.refused(item.payoutEmail())) {
				throw new ConflictException("Payout item " + item.id() + " (partner " + item.partnerCode()
						+ ") has a payout e-mail that starts with =, +, - or @, which cannot be exported exactly: "
						+ "cancel this batch, let the partner enter another payout e-mail, and pay them in a new batch.");
			}
		}
		response.setContentType("text/csv;charset=UTF-8");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader("Content-Disposition", "attachment; filename=\"paypal-payout-" + batch.id()
				+ (currency == null || batch.currency() != null ? "" : "-" + currency) + ".csv\"");
		try {
			Writer out = response.getWriter();
			String note = "Partner commissions, payout " + batch.id();
			for (Item item : items) {
				Csv.writeRow(out, List.of(item.payoutEmail(), item.amount().setScale(2), item.currency(),
						"ph-" + batch.id() + "-" + item.id(), note));
			}
			out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
