package dev.partnerhub.rollups;

import java.math.BigDecimal;

/**
 * One row of a leaderboard: standard competition rank (equal values share a rank, the
 * next rank skips: 1, 2, 2, 4), the partner and his value. {@link #json()} formats the
 * value like {@code GET /api/v1/partners/{code}/rollups}.
 */
public record LeaderboardEntry(long rank, long partnerId, String partnerCode, long contactId, String name,
		RollupFunction function, BigDecimal value) {

	/** Money as a two-decimal string, counts as integers. */
	public Object json() {
		return new RollupValue(0, "", this.function, this.value).json();
	}

	/** For pages and CSV. */
	public String display() {
		return new RollupValue(0, "", this.function, this.value).display();
	}

	/**
	 * For pages: money values (every function but a count) with the program's currency,
	 * "120.00 USD"; counts and "no value" as {@link #display()}.
	 */
	public String display(String currency) {
		String text = display();
		boolean money = this.function != RollupFunction.COUNT && this.value != null;
		return money && currency != null && !currency.isBlank() ? text + " " + currency : text;
	}

}
