/**
 * CSV import of contacts and partners from another affiliate system: upload, dry run with per-row results, then the
 * real import in the background with progress and downloadable per-row errors. Idempotent per row (contacts by
 * e-mail, partners by code), so importing a file twice, or again after a crash, creates nothing twice. Works only
 * through the public {@code ContactApi}, {@code PartnerApi} and {@code ProgramApi}.
 */
package dev.partnerhub.imports;
