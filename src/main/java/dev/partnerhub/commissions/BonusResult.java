package dev.partnerhub.commissions;

import org.jspecify.annotations.Nullable;

/**
 * The bonus commission and whether this call created it ({@code false}: the bonus id was
 * given before, with the same partner, amount and currency).
 */
public record BonusResult(CommissionLine commission, String reason, @Nullable String bonusId, boolean created) {
}
