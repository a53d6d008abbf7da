package dev.partnerhub.orders.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

import dev.partnerhub.commissions.CommissionLine;
import dev.partnerhub.orders.domain.Order;
import dev.partnerhub.orders.domain.OrderService;
import dev.partnerhub.orders.domain.OrderPayments;
import dev.partnerhub.orders.domain.OrderPayments.ChargeCommand;
import dev.partnerhub.orders.domain.OrderPayments.RefundCommand;
import dev.partnerhub.orders.domain.PlaceOrder;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The order ingestion API. A new order, charge or refund answers 201; a replay of the
 * same request answers 200 with the same body.
 */
@RestController
@RequestMapping("/api/v1/orders")
class OrderController {

	private final OrderService orders;

	private final OrderPayments payments;

	OrderController(OrderService orders, OrderPayments payments) {
		this.orders = orders;
		this.payments = payments;
	}

	@PostMapping
	ResponseEntity<PlacedJson> place(@RequestBody PlaceOrder request) {
		OrderService.Placed placed = this.orders.place(request);
		return ResponseEntity.status(placed.created() ? HttpStatus.CREATED : HttpStatus.OK)
			.body(new PlacedJson(placed.orderId(), placed.contactId(), CommissionJson.of(placed.commissions())));
	}

	@PostMapping("/{orderId}/charges")
	ResponseEntity<ChargedJson> charge(@PathVariable String orderId, @RequestBody ChargeCommand request) {
		OrderPayments.Charged charged = this.payments.charge(orderId, request);
		return ResponseEntity.status(charged.created() ? HttpStatus.CREATED : HttpStatus.OK)
			.body(new ChargedJson(charged.orderId(), charged.chargeId(), money(charged.amount()),
					CommissionJson.of(charged.commissions())));
	}

	@PostMapping("/{orderId}/refunds")
	ResponseEntity<RefundedJson> refund(@PathVariable String orderId, @RequestBody RefundCommand request) {
		OrderPayments.Refunded refunded = this.payments.refund(orderId, request);
		return ResponseEntity.status(refunded.created() ? HttpStatus.CREATED : HttpStatus.OK)
			.body(new RefundedJson(refunded.orderId(), refunded.refundId(), money(refunded.amount()),
					CommissionJson.of(refunded.commissions())));
	}

	/**
	 * Confirms the payment of an unpaid order (one from the public order form): it
	 * becomes completed and earns its commissions now. Idempotent: a repeated call
	 * answers the same (200) without crediting again.
	 */
	@PostMapping("/{orderId}/paid")
	PaidJson paid(@PathVariable String orderId) {
		OrderPayments.Paid paid = this.payments.markPaid(orderId);
		return new PaidJson(paid.orderId(), paid.contactId(), paid.status(), paid.paidAt(),
				CommissionJson.of(paid.commissions()));
	}

	@PostMapping("/{orderId}/close")
	ClosedJson close(@PathVariable String orderId) {
		Order order = this.payments.close(orderId);
		return new ClosedJson(order.orderId(), order.status());
	}

	@GetMapping("/{orderId}")
	OrderJson get(@PathVariable String orderId) {
		OrderService.OrderDetails details = this.orders.details(orderId);
		Order o = details.order();
		return new OrderJson(o.orderId(), o.contactId(), o.email(), o.currency(), o.status(), o.recurring(),
				o.occurredAt(), money(o.total()), money(o.charged()), money(o.refunded()),
				o.items()
					.stream()
					.map(i -> new ItemJson(i.sku(), i.quantity(), money(i.unitPrice()), money(i.lineNet())))
					.toList(),
				o.charges().stream().map(c -> new ChargeJson(c.chargeId(), money(c.amount()), c.occurredAt())).toList(),
				o.refunds().stream().map(r -> new RefundJson(r.refundId(), money(r.amount()), r.occurredAt())).toList(),
				CommissionJson.of(details.commissions()));
	}

	static String money(BigDecimal amount) {
		return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
	}

	record PlacedJson(String orderId, long contactId, List<CommissionJson> commissions) {
	}

	record ChargedJson(String orderId, String chargeId, String amount, List<CommissionJson> commissions) {
	}

	record RefundedJson(String orderId, String refundId, String amount, List<CommissionJson> commissions) {
	}

	record ClosedJson(String orderId, String status) {
	}

	record PaidJson(String orderId, long contactId, String status, @Nullable Instant paidAt,
			List<CommissionJson> commissions) {
	}

	record OrderJson(String orderId, long contactId, String email, String currency, String status, boolean recurring,
			Instant occurredAt, String total, String charged, String refunded, List<ItemJson> items,
			List<ChargeJson> charges, List<RefundJson> refunds, List<CommissionJson> commissions) {
	}

	record ItemJson(String sku, int quantity, String unitPrice, String lineNet) {
	}

	record ChargeJson(String chargeId, String amount, Instant occurredAt) {
	}

	record RefundJson(String refundId, String amount, Instant occurredAt) {
	}

	/**
	 * {@code currency}: the earning partner's program's; {@code exchangeRate}: set when
	 * the order was converted.
	 */
	record CommissionJson(long id, String partnerCode, int tier, String amount, String status,
			@Nullable Long clawbackOf, String currency, @Nullable String exchangeRate) {

		static List<CommissionJson> of(List<CommissionLine> lines) {
			return lines.stream()
				.map(c -> new CommissionJson(c.id(), c.partnerCode(), c.tier(), money(c.amount()), c.status().value(),
						c.clawbackOf(), c.currency(),
						c.exchangeRate() == null ? null : c.exchangeRate().stripTrailingZeros().toPlainString()))
				.toList();
		}

	}

}
