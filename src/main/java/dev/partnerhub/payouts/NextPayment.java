package dev.partnerhub.payouts;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * {@code amount} is the approved, not yet batched balance (clawbacks deducted) in
 * {@code currency}, the program's currency; {@code belowMinimum} when it is under the
 * program's minimum payout (or not positive), so nothing will be paid on {@code date}.
 */
public record NextPayment(LocalDate date, BigDecimal amount, String currency, boolean belowMinimum,
		BigDecimal minimumPayout) {
}
