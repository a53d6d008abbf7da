package dev.partnerhub.commissions;

/**
 * The bonus commission and whether this call created it ({@code false}: the bonus id was
 * given before, with the same partner, amount and currency).
 */
public record BonusResult(CommissionLine commission, String reason, String bonusId, boolean created) {
}
