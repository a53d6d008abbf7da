package dev.partnerhub.commissions.domain;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.partnerhub.commissions.CommissionCreated;
import dev.partnerhub.commissions.CommissionLine;
import dev.partnerhub.commissions.CommissionStatus;
import dev.partnerhub.commissions.Sale;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

/**
 * Plain SQL: commissions are written in bulk on the order path and read with joins for
 * lists. A hot path, so not a Spring Data aggregate (docs/architecture.md,
 * "Persistence").
 */
@Component
class CommissionStore {

	private static final String LINE_SELECT = """
			select c.id, c.partner_id, p.code, c.tier, c.amount, c.status, c.charge_id, c.clawback_of, c.currency,
			       c.exchange_rate
			from commission c join partner_directory p on p.id = c.partner_id
			""";

	private static final RowMapper<CommissionLine> LINE = (rs, n) -> new CommissionLine(rs.getLong("id"),
			rs.getLong("partner_id"), rs.getString("code"), rs.getInt("tier"), rs.getBigDecimal("amount"),
			CommissionStatus.of(rs.getString("status")), (Long) rs.getObject("charge_id"),
			(Long) rs.getObject("clawback_of"), rs.getString("currency"), rs.getBigDecimal("exchange_rate"));

	private final JdbcClient jdbc;

	CommissionStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One sale's drafts and the codes of its tier-1 and tier-2 earners (null when none).
	 */
	record SaleDrafts(Sale sale, List<CommissionCalculator.Draft> drafts, @Nullable String tier1Code,
			@Nullable String tier2Code, @Nullable String holdReason) {

		String codeOf(CommissionCalculator.Draft draft) {
			return draft.tier() == 1 ? this.tier1Code : this.tier2Code;
		}

	}

	private static final String INSERT_PENDING = """
			insert into commission (partner_id, contact_id, order_id, order_item_id, charge_id, product_id, sku,
			    tier, base_amount, original_amount, amount, currency, status, transaction_date, reason, order_currency,
			    exchange_rate, rate_day, hold_reason, held_at, buyer_ip, program_id)
			select v.partner_id, v.contact_id, v.order_id, v.order_item_id, v.charge_id, v.product_id, v.sku, v.tier,
			    v.base_amount, v.amount, v.amount, v.currency,
			    case when v.hold_reason is null then 'pending' else 'held' end, cast(v.transaction_date as timestamptz),
			    v.reason, v.order_currency, v.exchange_rate, cast(v.rate_day as date), v.hold_reason,
			    case when v.hold_reason is null then null else now() end, v.buyer_ip,
			    v.program_id
			from unnest(:partners, :programs, :contacts, :orders, :items, :charges, :products, :skus, :tiers, :bases, :amounts,
			    :currencies, :dates, :reasons, :orderCurrencies, :rates, :rateDays, :holds, :ips) with ordinality
			    as v (partner_id, program_id, contact_id, order_id, order_item_id, charge_id, product_id, sku, tier, base_amount,
			          amount, currency, transaction_date, reason, order_currency, exchange_rate, rate_day, hold_reason,
			          buyer_ip, n)
			order by v.n
			returning id, order_item_id, charge_id, partner_id, tier
			""";

	/**
	 * The drafts of several sales as pending commissions in one statement (arrays, so its
	 * text and plan stay the same whatever the count); returns each sale's ids in its
	 * drafts' order, matched by the row's unique line key (item, charge, partner, tier),
	 * not by trusting the order of RETURNING.
	 */
	List<List<Long>> insertPending(List<SaleDrafts> sales) {
		List<CommissionCalculator.Draft> all = new ArrayList<>();
		List<Sale> of = new ArrayList<>();
		List<String> holdOf = new ArrayList<>();
		for (SaleDrafts one : sales) {
			for (CommissionCalculator.Draft d : one.drafts()) {
				all.add(d);
				of.add(one.sale());
				holdOf.add(one.holdReason());
			}
		}
		if (all.isEmpty()) {
			return sales.stream().map(one -> List.<Long>of()).toList();
		}
		int n = all.size();
		Long[] partners = new Long[n];
		Long[] programs = new Long[n];
		Long[] contacts = new Long[n];
		Long[] orders = new Long[n];
		Long[] items = new Long[n];
		Long[] charges = new Long[n];
		Long[] products = new Long[n];
		String[] skus = new String[n];
		Integer[] tiers = new Integer[n];
		BigDecimal[] bases = new BigDecimal[n];
		BigDecimal[] amounts = new BigDecimal[n];
		String[] currencies = new String[n];
		String[] dates = new String[n];
		String[] reasons = new String[n];
		String[] orderCurrencies = new String[n];
		BigDecimal[] rates = new BigDecimal[n];
		String[] rateDays = new String[n];
		String[] holds = new String[n];
		String[] ips = new String[n];
		for (int i = 0; i < n; i++) {
			holds[i] = holdOf.get(i);
			ips[i] = of.get(i).buyerIp();
			CommissionCalculator.Draft d = all.get(i);
			Sale sale = of.get(i);
			partners[i] = d.partnerId();
			programs[i] = d.programId();
			contacts[i] = sale.contactId();
			orders[i] = sale.orderId();
			items[i] = d.line().orderItemId();
			charges[i] = sale.chargeId();
			products[i] = d.line().productId();
			skus[i] = d.line().sku();
			tiers[i] = d.tier();
			bases[i] = d.baseAmount();
			amounts[i] = d.amount();
			currencies[i] = d.currency();
			dates[i] = sale.occurredAt().toString();
			reasons[i] = d.reason();
			if (d.conversion() != null) {
				orderCurrencies[i] = sale.currency();
				rates[i] = d.conversion().rate();
				rateDays[i] = d.conversion().day().toString();
			}
		}
		Map<String, Long> ids = new HashMap<>();
		this.jdbc.sql(INSERT_PENDING)
			.param("partners", new SqlArrayValue("bigint", (Object[]) partners))
			.param("programs", new SqlArrayValue("bigint", (Object[]) programs))
			.param("contacts", new SqlArrayValue("bigint", (Object[]) contacts))
			.param("orders", new SqlArrayValue("bigint", (Object[]) orders))
			.param("items", new SqlArrayValue("bigint", (Object[]) items))
			.param("charges", new SqlArrayValue("bigint", (Object[]) charges))
			.param("products", new SqlArrayValue("bigint", (Object[]) products))
			.param("skus", new SqlArrayValue("varchar", (Object[]) skus))
			.param("tiers", new SqlArrayValue("int4", (Object[]) tiers))
			.param("bases", new SqlArrayValue("numeric", (Object[]) bases))
			.param("amounts", new SqlArrayValue("numeric", (Object[]) amounts))
			.param("currencies", new SqlArrayValue("varchar", (Object[]) currencies))
			.param("dates", new SqlArrayValue("varchar", (Object[]) dates))
			.param("reasons", new SqlArrayValue("varchar", (Object[]) reasons))
			.param("orderCurrencies", new SqlArrayValue("varchar", (Object[]) orderCurrencies))
			.param("rates", new SqlArrayValue("numeric", (Object[]) rates))
			.param("rateDays", new SqlArrayValue("varchar", (Object[]) rateDays))
			.param("holds", new SqlArrayValue("varchar", (Object[]) holds))
			.param("ips", new SqlArrayValue("varchar", (Object[]) ips))
			.query((RowCallbackHandler) rs -> ids.put(key(rs.getLong("order_item_id"), (Long) rs.getObject("charge_id"),
					rs.getLong("partner_id"), rs.getInt("tier")), rs.getLong("id")));
		List<List<Long>> bySale = new ArrayList<>(sales.size());
		for (SaleDrafts one : sales) {
			bySale.add(one.drafts()
				.stream()
				.map(d -> ids.get(key(d.line().orderItemId(), one.sale().chargeId(), d.partnerId(), d.tier())))
				.toList());
		}
		return bySale;
	}

	private static String key(long orderItemId, Long chargeId, long partnerId, int tier) {
		return orderItemId + "/" + chargeId + "/" + partnerId + "/" + tier;
	}

	boolean existsExternal(String externalId) {
		return this.jdbc.sql("select exists (select 1 from commission where external_id = :id)")
			.param("id", externalId)
			.query(Boolean.class)
			.single();
	}

	/**
	 * An imported commission as it is; empty when its external id exists (ON CONFLICT
	 * waits for a concurrent inserter's commit, so one import wins). Approved and paid
	 * ones carry their dates like ours do.
	 */
	java.util.Optional<Long> insertImported(dev.partnerhub.commissions.ImportedCommission c) {
		Timestamp date = Timestamp.from(c.transactionDate());
		CommissionStatus status = c.status();
		boolean approved = status == CommissionStatus.APPROVED || status == CommissionStatus.PAID;
		Map<String, Object> params = new HashMap<>();
		params.put("partner", c.partnerId());
		params.put("contact", c.contactId());
		params.put("order", c.orderId());
		params.put("item", c.orderItemId());
		params.put("product", c.productId());
		params.put("sku", c.sku());
		params.put("tier", c.tier());
		params.put("base", c.baseAmount());
		params.put("amount", c.amount());
		params.put("currency", c.currency());
		params.put("status", status.value());
		params.put("date", date);
		params.put("reason", c.reason());
		params.put("approvedAt", approved ? (c.paidAt() != null ? Timestamp.from(c.paidAt()) : date) : null);
		params.put("paidAt", c.paidAt() == null ? null : Timestamp.from(c.paidAt()));
		params.put("declinedAt", status == CommissionStatus.DECLINED ? date : null);
		params.put("declineReason",
				status == CommissionStatus.DECLINED ? "Declined in the system it was imported from." : null);
		params.put("external", c.externalId());
		return this.jdbc.sql("""
				insert into commission (partner_id, contact_id, order_id, order_item_id, product_id, sku, tier,
				    base_amount, original_amount, amount, currency, status, transaction_date, reason, approved_at,
				    paid_at, declined_at, decline_reason, external_id)
				values (:partner, :contact, :order, :item, :product, :sku, :tier, :base, :amount, :amount, :currency,
				    :status, :date, :reason, cast(:approvedAt as timestamptz), cast(:paidAt as timestamptz),
				    cast(:declinedAt as timestamptz), cast(:declineReason as varchar), :external)
				on conflict (external_id) where external_id is not null do nothing
				returning id
				""").params(params).query(Long.class).optional();
	}

	CommissionLine findLine(long id) {
		return this.jdbc.sql(LINE_SELECT + " where c.id = :id").param("id", id).query(LINE).single();
	}

	/**
	 * A negative copy of a paid commission, pointing at it and at the refund (none for an
	 * invalid lead), of the same kind.
	 */
	CommissionCreated insertClawback(long paidId, @Nullable Long refundId, BigDecimal amount, Instant date,
			String reason, Instant approvedAt) {
		return this.jdbc.sql("""
				insert into commission (partner_id, contact_id, order_id, order_item_id, charge_id, refund_id,
				    product_id, sku, tier, base_amount, original_amount, amount, currency, status, transaction_date,
				    reason, clawback_of, approved_at, order_currency, exchange_rate, rate_day, kind)
				select partner_id, contact_id, order_id, order_item_id, charge_id, :refund, product_id, sku, tier,
				       base_amount, :amount, :amount, currency, 'approved', :date, :reason, id, :approvedAt,
				       order_currency, exchange_rate, rate_day, kind
				from commission where id = :paid
				returning id, partner_id, contact_id, order_id, tier, amount, currency, transaction_date, clawback_of
				""")
			.param("refund", refundId)
			.param("amount", amount)
			.param("date", Timestamp.from(date))
			.param("reason", reason)
			.param("approvedAt", Timestamp.from(approvedAt))
			.param("paid", paidId)
			.query((rs, n) -> new CommissionCreated(rs.getLong("id"), rs.getLong("partner_id"),
					rs.getLong("contact_id"), (Long) rs.getObject("order_id"), rs.getInt("tier"),
					rs.getBigDecimal("amount"), rs.getString("currency"), CommissionStatus.APPROVED,
					rs.getTimestamp("transaction_date").toInstant(), rs.getLong("clawback_of")))
			.single();
	}

	/**
	 * The order's own commissions (not clawbacks), each with the sum of its clawbacks.
	 */
	List<Commission> findRefundable(long orderId) {
		return this.jdbc.sql("""
				select c.id, c.partner_id, c.tier, c.order_item_id, c.charge_id, c.base_amount, c.original_amount,
				       c.amount, c.status, c.version,
				       coalesce((select sum(k.amount) from commission k where k.clawback_of = c.id), 0) as clawed_back
				from commission c
				where c.order_id = :order and c.clawback_of is null
				order by c.id
				""")
			.param("order", orderId)
			.query((rs, n) -> new Commission(rs.getLong("id"), rs.getLong("partner_id"), rs.getInt("tier"),
					rs.getLong("order_item_id"), (Long) rs.getObject("charge_id"), rs.getBigDecimal("base_amount"),
					rs.getBigDecimal("original_amount"), rs.getBigDecimal("amount"),
					CommissionStatus.of(rs.getString("status")), rs.getLong("version"),
					rs.getBigDecimal("clawed_back")))
			.list();
	}

	/**
	 * Optimistic: a payout marking it paid at the same moment makes this fail rather than
	 * edit a paid commission.
	 */
	void reduce(Commission commission, BigDecimal newAmount, CommissionStatus newStatus, long refundId) {
		int updated = this.jdbc.sql("""
				update commission set amount = :amount, status = :status, version = version + 1
				where id = :id and version = :version and status in ('pending', 'held', 'approved')
				""")
			.param("amount", newAmount)
			.param("status", newStatus.value())
			.param("id", commission.id())
			.param("version", commission.version())
			.update();
		if (updated != 1) {
			throw new OptimisticLockingFailureException("Commission " + commission.id() + " changed meanwhile.");
		}
		this.jdbc.sql("""
				insert into commission_adjustment (commission_id, refund_id, amount_before, amount_after,
				    status_before, status_after)
				values (:id, :refund, :before, :after, :statusBefore, :statusAfter)
				""")
			.param("id", commission.id())
			.param("refund", refundId)
			.param("before", commission.amount())
			.param("after", newAmount)
			.param("statusBefore", commission.status().value())
			.param("statusAfter", newStatus.value())
			.update();
	}

	List<CommissionLine> findBySale(long orderId, Long chargeId) {
		return this.jdbc.sql(LINE_SELECT + """
				where c.order_id = :order and c.clawback_of is null
				  and c.charge_id is not distinct from cast(:charge as bigint)
				order by c.id
				""").param("order", orderId).param("charge", chargeId).query(LINE).list();
	}

	List<CommissionLine> findByRefund(long refundId) {
		return this.jdbc.sql(LINE_SELECT + """
				where c.refund_id = :refund
				   or c.id in (select a.commission_id from commission_adjustment a where a.refund_id = :refund)
				order by c.id
				""").param("refund", refundId).query(LINE).list();
	}

	List<CommissionLine> findByOrder(long orderId) {
		return this.jdbc.sql(LINE_SELECT + "where c.order_id = :order order by c.id")
			.param("order", orderId)
			.query(LINE)
			.list();
	}

	List<dev.partnerhub.commissions.EarningsTotal> earningsOf(long partnerId) {
		return this.jdbc.sql("""
				select status, currency, count(*), sum(amount) from commission
				where partner_id = :partner group by status, currency order by status, currency
				""")
			.param("partner", partnerId)
			.query((rs, n) -> new dev.partnerhub.commissions.EarningsTotal(
					dev.partnerhub.commissions.CommissionStatus.valueOf(rs.getString(1).toUpperCase()), rs.getString(2),
					rs.getLong(3), rs.getBigDecimal(4)))
			.list();
	}

}
