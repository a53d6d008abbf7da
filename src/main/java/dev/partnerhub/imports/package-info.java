/**
 * CSV import of contacts, partners and commissions from another affiliate system: upload,
 * dry run with per-row results, then the real import in the background with progress and
 * downloadable per-row errors. Idempotent per row (contacts by e-mail, partners by code,
 * commissions by their external id), so importing a file twice, or again after a crash,
 * creates nothing twice. Works only through the public {@code ContactApi},
 * {@code PartnerApi}, {@code ProgramApi}, {@code OrderApi} (a sale recorded without
 * computing commissions) and {@code CommissionApi}.
 */
@NullMarked
package dev.partnerhub.imports;

import org.jspecify.annotations.NullMarked;
