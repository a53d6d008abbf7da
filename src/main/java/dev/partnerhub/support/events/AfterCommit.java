package dev.partnerhub.support.events;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs work after the current transaction commits (at once without one): what an
 * in-memory {@code @EventListener} uses instead of
 * {@code @TransactionalEventListener(fallbackExecution = true)}, which Spring Modulith
 * advises to complete event publications — two database round trips in the committing
 * thread per event, even for listeners outside the registry (docs/architecture.md,
 * "Events").
 */
public final class AfterCommit {

	private AfterCommit() {
	}

	public static void run(Runnable work) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					work.run();
				}
			});
		}
		else {
			work.run();
		}
	}

}
