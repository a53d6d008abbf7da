package dev.partnerhub.support;

import java.util.concurrent.atomic.AtomicInteger;

import dev.partnerhub.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Remembers only inside a transaction that opened it, and forgets at its end. */
@IntegrationTest
class TransactionMemoTests {

	@Autowired
	PlatformTransactionManager transactionManager;

	final AtomicInteger loads = new AtomicInteger();

	String load() {
		return "value " + this.loads.incrementAndGet();
	}

	@Test
	void anOpenedTransactionLoadsEachKeyOnce() {
		TransactionTemplate tx = new TransactionTemplate(this.transactionManager);
		tx.executeWithoutResult(status -> {
			TransactionMemo.open();
			assertThat(TransactionMemo.get("a", this::load)).isEqualTo("value 1");
			assertThat(TransactionMemo.get("a", this::load)).isEqualTo("value 1");
			assertThat(TransactionMemo.get("b", this::load)).isEqualTo("value 2");
		});
		assertThat(TransactionSynchronizationManager.hasResource(TransactionMemo.class)).isFalse();
		// the next transaction starts empty
		tx.executeWithoutResult(status -> {
			TransactionMemo.open();
			assertThat(TransactionMemo.get("a", this::load)).isEqualTo("value 3");
		});
	}

	@Test
	void withoutOpenEveryCallLoads() {
		new TransactionTemplate(this.transactionManager).executeWithoutResult(status -> {
			TransactionMemo.get("a", this::load);
			TransactionMemo.get("a", this::load);
		});
		TransactionMemo.open(); // outside a transaction: nothing to bind to
		TransactionMemo.get("a", this::load);
		assertThat(this.loads).hasValue(3);
	}

	@Test
	void aRolledBackTransactionForgetsToo() {
		TransactionTemplate tx = new TransactionTemplate(this.transactionManager);
		tx.executeWithoutResult(status -> {
			TransactionMemo.open();
			TransactionMemo.get("a", this::load);
			status.setRollbackOnly();
		});
		assertThat(TransactionSynchronizationManager.hasResource(TransactionMemo.class)).isFalse();
		tx.executeWithoutResult(status -> {
			TransactionMemo.open();
			assertThat(TransactionMemo.get("a", this::load)).isEqualTo("value 2");
		});
	}

}
