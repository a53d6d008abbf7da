package dev.partnerhub.rollups;

import java.util.List;
import java.util.Optional;

/**
 * Partners of a program ranked by a rollup field, highest value first (for the console,
 * the API and the partner center).
 * <ul>
 * <li>Only <b>approved</b> partners of the program are ranked (pending and suspended
 * partners are left out).</li>
 * <li>Partners without a value (avg/min/max of nothing) are left out; sums and counts of
 * nothing are 0 and ranked.</li>
 * <li>Ranks are standard competition ranks: equal values share a rank and the next rank
 * skips (1, 2, 2, 4). Inside a tie the partner whose contact was added first (lower
 * contact id) is listed first.</li>
 * <li>Values are the materialised {@code rollup_value} rows, at most about a second
 * behind the raw rows (the refresher's interval); a brand-new partner appears once the
 * refresher has written his first value.</li>
 * </ul>
 */
public interface Leaderboards {

	/** The first {@code limit} entries (1..500). */
	List<LeaderboardEntry> top(long rollupFieldId, long programId, int limit);

	/**
	 * Entries {@code offset} to {@code offset + limit - 1}, ranked as in the whole
	 * leaderboard (standings pages).
	 */
	List<LeaderboardEntry> page(long rollupFieldId, long programId, long offset, int limit);

	/** How many partners the leaderboard ranks. */
	long size(long rollupFieldId, long programId);

	/**
	 * The partner's own entry, rank = 1 + the number of ranked partners with a strictly
	 * greater value; empty when he is not ranked (other program, not approved, no value).
	 */
	Optional<LeaderboardEntry> rankOf(long rollupFieldId, long programId, long partnerId);

}
