package dev.partnerhub.commissions;

import java.time.Instant;
import java.util.List;

/**
 * A believable past for the demo seed's commissions, in set-based SQL (an admin's months
 * of approvals and payouts in three statements instead of one call per commission). Runs
 * in the caller's transaction; no events, no audit.
 */
public interface CommissionHistory {

	/**
	 * Pending sales past their program's approval delay (14 days when unset) become
	 * approved at the end of the delay; then every 23rd commission (by id) older than 20
	 * days that is pending or approved is declined; then approved ones older than 75 days
	 * are paid 60 days after the sale.
	 */
	void backdateLifecycle(Instant now);

	/**
	 * The orders (their external ids, oldest first) that have commissions, all of them in
	 * this status.
	 */
	List<String> ordersWhollyIn(CommissionStatus status);

}
