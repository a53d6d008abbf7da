/**
 * Payout batches ("pay your partners"): preview, create (set-based), PayPal mass-pay and
 * generic CSV, mark paid (batch or item), cancel; the partner center's "next payment".
 * Commission status changes go through {@code commissions.CommissionPayouts}; the preview
 * and the batch creation read commission, partner, contact and program rows with plain
 * SQL joins (one statement instead of one call per partner keeps 100k commissions in
 * seconds).
 */
@NullMarked
package dev.partnerhub.payouts;

import org.jspecify.annotations.NullMarked;
