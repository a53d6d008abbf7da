package dev.partnerhub.payouts.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import dev.partnerhub.payouts.domain.PayoutViews.Batch;
import dev.partnerhub.payouts.domain.PayoutViews.CurrencyTotal;
import dev.partnerhub.payouts.domain.PayoutViews.Item;
import dev.partnerhub.payouts.domain.PayoutViews.Line;

/**
 * A batch as the API shows it. A batch holds one {@code currency} and {@code total} is in
 * it. A batch made before batches were per currency may mix them: then {@code currency}
 * and {@code total} are null (amounts of different currencies are never added);
 * {@code totals} always has one entry per currency. {@code blocked} (only in the answer
 * to a creation) lists partners left out for want of a usable payout method (or required
 * tax details), with the reason.
 */
record PayoutJson(long id, String status, String program, String currency, String total, List<TotalJson> totals,
		int itemCount, String createdBy, Instant createdAt, Instant paidAt, Instant cancelledAt, List<ItemJson> items,
		List<BlockedJson> blocked) {

	static PayoutJson of(Batch batch, List<CurrencyTotal> totals, List<Item> items, List<Line> blocked) {
		String currency = batch.currency() != null ? batch.currency()
				: totals.size() == 1 ? totals.get(0).currency() : null;
		return new PayoutJson(batch.id(), batch.status(), batch.programName(), currency,
				totals.size() > 1 ? null : money(totals.isEmpty() ? BigDecimal.ZERO : totals.get(0).amount()),
				totals.stream().map(t -> new TotalJson(t.currency(), money(t.amount()), t.count())).toList(),
				batch.itemCount(), batch.createdBy(), batch.createdAt(), batch.paidAt(), batch.cancelledAt(),
				items.stream().map(ItemJson::of).toList(),
				blocked == null ? null : blocked.stream().map(BlockedJson::of).toList());
	}

	static String money(BigDecimal amount) {
		return amount.setScale(2).toPlainString();
	}

	record TotalJson(String currency, String amount, int items) {
	}

	/**
	 * {@code method}: paypal, bank or other; {@code iban} masked; {@code reference} noted
	 * when it was marked paid.
	 */
	record ItemJson(long id, String partnerCode, String payoutEmail, String amount, String currency, int commissions,
			String status, Instant paidAt, String method, String iban, String reference) {

		static ItemJson of(Item item) {
			return new ItemJson(item.id(), item.partnerCode(), item.payoutEmail(), money(item.amount()),
					item.currency(), item.commissionCount(), item.status(), item.paidAt(), item.method(),
					item.ibanMask(), item.reference());
		}

	}

	record BlockedJson(String partnerCode, String email, String amount, String currency, String reason) {

		static BlockedJson of(Line line) {
			return new BlockedJson(line.partnerCode(), line.email(), money(line.amount()), line.currency(),
					line.blockedReason());
		}

	}

}
