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

	/** The next payout day after today (global payout schedule). */
	java.time.LocalDate nextPayoutDate();

}
