package dev.partnerhub.commissions.web;

import java.time.Instant;
import java.util.List;

import dev.partnerhub.commissions.domain.CommissionQueries;
import dev.partnerhub.commissions.domain.CommissionQueries.Filter;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/commissions}: filtered, paged, newest first. */
@RestController
@RequestMapping("/api/v1/commissions")
class CommissionController {

	private final CommissionQueries queries;

	CommissionController(CommissionQueries queries) {
		this.queries = queries;
	}

	@GetMapping
	PageJson list(@RequestParam(required = false) @Nullable String partner,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String sku, @RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		CommissionQueries.Page result = this.queries.list(new Filter(partner, status, sku, from, to), page, size);
		return new PageJson(result.items().stream().map(ItemJson::of).toList(), result.page(), result.size(),
				result.total());
	}

	record PageJson(List<ItemJson> items, int page, int size, long total) {
	}

	/**
	 * {@code orderCurrency}, {@code exchangeRate}, {@code rateDay}: how a converted
	 * commission was converted. {@code kind}: sale, bonus or lead (bonuses and lead
	 * rewards have no orderId and no sku).
	 */
	record ItemJson(long id, String partnerCode, String contactEmail, @Nullable String orderId, @Nullable String sku,
			int tier, String amount, String currency, String status, Instant transactionDate,
			@Nullable Instant approvedAt, @Nullable Instant paidAt, @Nullable String orderCurrency,
			@Nullable String exchangeRate, java.time.@Nullable LocalDate rateDay, String kind) {

		static ItemJson of(CommissionQueries.Row row) {
			return new ItemJson(row.id(), row.partnerCode(), row.contactEmail(), row.orderId(), row.sku(), row.tier(),
					row.amount().setScale(2).toPlainString(), row.currency(), row.status(), row.transactionDate(),
					row.approvedAt(), row.paidAt(), row.orderCurrency(),
					row.exchangeRate() == null ? null : row.exchangeRate().stripTrailingZeros().toPlainString(),
					row.rateDay(), row.kind());
		}

	}

}
