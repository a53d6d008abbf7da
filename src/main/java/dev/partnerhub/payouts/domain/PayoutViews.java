package dev.partnerhub.payouts.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** Read models of the payouts module (records only). */
public final class PayoutViews {

	private PayoutViews() {
	}

	/**
	 * One partner's unbatched approved balance in one currency, with what the preview
	 * needs to classify it.
	 */
	public record Line(long partnerId, String partnerCode, String name, String email, @Nullable String payoutEmail,
			BigDecimal amount, String currency, int commissionCount, BigDecimal minimumPayout, @Nullable String method,
			@Nullable String blockedReason) {

		public boolean belowMinimum() {
			return this.amount.signum() <= 0 || this.amount.compareTo(this.minimumPayout) < 0;
		}

		/**
		 * No usable payout method (no payout e-mail for PayPal, a method the program does
		 * not offer) or tax details missing where the program requires them.
		 */
		public boolean blocked() {
			return !belowMinimum() && this.blockedReason != null;
		}

		public boolean payable() {
			return !belowMinimum() && this.blockedReason == null;
		}

	}

	public record CurrencyTotal(String currency, BigDecimal amount, int count) {
	}

	/**
	 * What "Pay your partners" would do now: who gets paid, who is blocked (no payout
	 * e-mail), who is below minimum.
	 */
	public record Preview(@Nullable Long programId, List<Line> payable, List<Line> blocked, List<Line> belowMinimum) {

		public List<CurrencyTotal> payableTotals() {
			return totals(this.payable);
		}

		public List<CurrencyTotal> blockedTotals() {
			return totals(this.blocked);
		}

		public List<CurrencyTotal> belowMinimumTotals() {
			return totals(this.belowMinimum);
		}

		static List<CurrencyTotal> totals(List<Line> lines) {
			java.util.Map<String, CurrencyTotal> byCurrency = new java.util.TreeMap<>();
			for (Line line : lines) {
				byCurrency.merge(line.currency(), new CurrencyTotal(line.currency(), line.amount(), 1),
						(a, b) -> new CurrencyTotal(a.currency(), a.amount().add(b.amount()), a.count() + b.count()));
			}
			return List.copyOf(byCurrency.values());
		}

	}

	/**
	 * A batch pays one {@code currency} and {@code total} is in it. A batch made before
	 * batches were per currency may mix currencies: then {@code currency} is null and
	 * {@code total} must not be shown (it added currencies up); its totals per currency
	 * come from its items.
	 */
	public record Batch(long id, @Nullable Long programId, @Nullable String programName, String status,
			@Nullable String currency, BigDecimal total, int itemCount, String createdBy, Instant createdAt,
			@Nullable Instant paidAt, @Nullable Instant cancelledAt) {

		public boolean open() {
			return "created".equals(this.status);
		}

		/** "150.00 USD", or null for an old batch that mixed currencies. */
		public @Nullable String totalText() {
			return this.currency == null ? null : this.total.setScale(2) + " " + this.currency;
		}

	}

	/**
	 * {@code method} (paypal, bank, other) as the partner had it when the batch was made;
	 * {@code ibanMask} masked; {@code reference} what the admin noted when paying it.
	 */
	public record Item(long id, long batchId, long partnerId, String partnerCode, String name, String email,
			@Nullable String payoutEmail, BigDecimal amount, String currency, int commissionCount, String status,
			@Nullable Instant paidAt, String method, @Nullable String accountHolder, @Nullable String ibanMask,
			@Nullable String instructions, @Nullable String reference) {
	}

	/**
	 * A new batch (of one currency) and the partners who could not be paid for want of a
	 * usable payout method (or tax details).
	 */
	public record Created(long batchId, String currency, List<Line> blocked) {
	}

}
