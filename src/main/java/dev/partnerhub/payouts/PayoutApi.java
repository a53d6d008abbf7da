package dev.partnerhub.payouts;

import java.util.Optional;

/** What other modules (the partner center) may ask of payouts. */
public interface PayoutApi {

	/**
	 * The partner's next payment: the next payout day after today (global payout
	 * schedule) and his approved balance not yet in a payout batch, in his program's
	 * currency. Empty for an unknown partner.
	 */
	Optional<NextPayment> nextPayment(long partnerId);

	/**
	 * What is owed: approved commissions not yet in a payout batch (clawbacks deducted),
	 * summed per currency, only positive sums, by currency code.
	 */
	java.util.Map<String, java.math.BigDecimal> dueByCurrency();

	/**
	 * What the next payout run would pay, per currency: the balances a batch would take
	 * now (approved partners at or above their program's minimum payout, with a usable
	 * payout method) of one program, or of all when {@code programId} is null.
	 */
	java.util.Map<String, java.math.BigDecimal> payableByCurrency(@org.jspecify.annotations.Nullable Long programId);

	/** The next payout day after today (global payout schedule). */
	java.time.LocalDate nextPayoutDate();

}
