package dev.partnerhub.integrations.domain;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every minute, on one instance: applies shop refunds whose order is booked but that are
 * still pending (the delivery that booked the order committed, and the process stopped
 * before it applied them).
 */
@Component
class ShopRefundSweep {

	private final ShopStore store;

	private final ShopRefunds refunds;

	private final TransactionTemplate transactions;

	ShopRefundSweep(ShopStore store, ShopRefunds refunds, PlatformTransactionManager transactionManager) {
		this.store = store;
		this.refunds = refunds;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	@Scheduled(fixedDelayString = "${partnerhub.integrations.shops.sweep-interval:PT1M}", initialDelayString = "PT1M")
	@SchedulerLock(name = "shop-refund-sweep", lockAtMostFor = "PT10M")
	void sweep() {
		for (String orderId : this.transactions.execute(status -> this.store.ordersToSettle())) {
			this.refunds.settle(orderId);
		}
	}

}
