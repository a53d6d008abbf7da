package dev.partnerhub.commissions;

import java.time.Instant;
import java.util.Collection;

/**
 * The status change payouts need. Payouts keeps which commissions a payout item holds
 * (its own link table); the commission itself only moves from {@code approved} to
 * {@code paid}, once.
 */
public interface CommissionPayouts {

	/**
	 * Marks these commissions {@code paid} at {@code paidAt}, but only those still
	 * {@code approved}: a commission already paid (a replay) or no longer payable
	 * (refunded after it was batched) is left alone.
	 * @return how many changed
	 */
	int markPaid(Collection<Long> commissionIds, Instant paidAt);

}
