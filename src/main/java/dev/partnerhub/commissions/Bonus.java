package dev.partnerhub.commissions;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * A one-off amount for a partner (an admin's or the API's bonus, a contest prize).
 *
 * @param amount positive, two decimals, in {@code currency}
 * @param currency ISO 4217; another than the partner's program's is converted at the rate
 * stored for today, or refused (422) without one
 * @param bonusId the caller's key: the same key again is the same bonus (never a second
 * one); null in the console, where a fresh key is made per form
 */
public record Bonus(long partnerId, BigDecimal amount, String currency, String reason, @Nullable String bonusId) {
}
