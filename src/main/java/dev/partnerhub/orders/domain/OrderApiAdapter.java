package dev.partnerhub.orders.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

import dev.partnerhub.orders.OrderApi;

import org.springframework.stereotype.Component;

/**
 * {@link OrderApi} for other modules, translated to the service's commands so they never
 * see domain types.
 */
@Component
class OrderApiAdapter implements OrderApi {

	private final OrderService orders;

	private final OrderPayments payments;

	OrderApiAdapter(OrderService orders, OrderPayments payments) {
		this.orders = orders;
		this.payments = payments;
	}

	@Override
	public int place(NewOrder order) {
		PlaceOrder command = new PlaceOrder(order.orderId(), order.email(), order.firstName(), order.lastName(),
				order.referral(), order.occurredAt(), order.currency(), order.recurring(),
				order.items()
					.stream()
					.map(line -> new PlaceOrder.Item(line.sku(), line.quantity(), line.unitPrice()))
					.toList(),
				order.couponCode());
		return this.orders.place(command).commissions().size();
	}

	@Override
	public Optional<RecordedSale> recordSale(ExternalSale sale) {
		return this.orders.recordSale(sale);
	}

	@Override
	public int charge(String orderId, String chargeId, BigDecimal amount, Instant occurredAt) {
		return this.payments.charge(orderId, new OrderPayments.ChargeCommand(chargeId, amount, occurredAt))
			.commissions()
			.size();
	}

	@Override
	public int refundPayment(String orderId, String chargeId, String refundId, BigDecimal amount) {
		return this.payments
			.refund(orderId, new OrderPayments.RefundCommand(refundId, amount), new OrderPayments.Payment(chargeId))
			.commissions()
			.size();
	}

	@Override
	public boolean exists(String orderId) {
		return this.orders.exists(orderId);
	}

	@Override
	public void close(String orderId) {
		this.payments.close(orderId);
	}

	@Override
	public int refund(String orderId, String refundId, BigDecimal amount) {
		return this.payments.refund(orderId, new OrderPayments.RefundCommand(refundId, amount)).commissions().size();
	}

}
