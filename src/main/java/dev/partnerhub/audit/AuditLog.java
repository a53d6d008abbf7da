package dev.partnerhub.audit;

/**
 * Records money and program decisions (approve, decline, pay, cancel batch, refund,
 * program change, manual referrer change): who, when, what, before and after. Call it
 * inside the transaction that makes the change, so the entry exists exactly when the
 * change does. Entries are append-only (the database refuses updates and deletes).
 */
public interface AuditLog {

	void record(AuditEntry entry);

}
