package dev.partnerhub.support;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Reads remembered for the rest of one transaction that asked for it with
 * {@link #open()}: a group commit of many orders looks a partner up once per batch, not
 * once per order, and sees the same partner a transaction of one order would have seen at
 * the batch's start. Outside such a transaction every call simply loads. Only for reads
 * of rows the transaction itself does not change.
 */
public final class TransactionMemo {

	private static final Object KEY = TransactionMemo.class;

	private TransactionMemo() {
	}

	/**
	 * Starts remembering in the current transaction (a no-op outside one); forgotten when
	 * it completes.
	 */
	public static void open() {
		if (!TransactionSynchronizationManager.isSynchronizationActive()
				|| TransactionSynchronizationManager.hasResource(KEY)) {
			return;
		}
		TransactionSynchronizationManager.bindResource(KEY, new HashMap<>());
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCompletion(int status) {
				TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
			}
		});
	}

	/**
	 * The value remembered under {@code key} (which must identify the read and its
	 * arguments), else loaded.
	 */
	@SuppressWarnings("unchecked")
	public static <T> T get(Object key, Supplier<T> load) {
		Map<Object, Object> memo = (Map<Object, Object>) TransactionSynchronizationManager.getResource(KEY);
		if (memo == null) {
			return load.get();
		}
		Object known = memo.get(key);
		if (known == null) {
			known = load.get();
			memo.put(key, known);
		}
		return (T) known;
	}

}
