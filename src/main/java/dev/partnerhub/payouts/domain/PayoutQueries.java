package dev.partnerhub.payouts.domain;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import dev.partnerhub.payouts.domain.PayoutViews.Batch;
import dev.partnerhub.payouts.domain.PayoutViews.CurrencyTotal;
import dev.partnerhub.payouts.domain.PayoutViews.Item;
import dev.partnerhub.payouts.domain.PayoutViews.Line;
import dev.partnerhub.payouts.domain.PayoutViews.Preview;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads for the console and the API. The balance query joins commission, partner, contact
 * and program rows (other modules' tables, read only): one set-based statement instead of
 * a call per partner.
 */
@Service
@Transactional(readOnly = true)
public class PayoutQueries {

	/**
	 * Each partner's balance ({@code per_partner}: amount and count per currency) with
	 * what the batch rule needs: payout e-mail and method, the program's minimum and why
	 * a payout is blocked.
	 */
	private static final String BALANCES_PER_PARTNER = """
			balances as (
			    select b.partner_id, b.currency, b.amount, b.n, p.code, p.contact_id,
			           nullif(btrim(p.payout_email), '') as payout_email, g.minimum_payout,
			           coalesce(m.method, 'paypal') as method, m.account_holder, m.iban_enc, m.iban_mask, m.bic_enc,
			           m.local_details_enc, m.instructions,
			           case
			               when m.method is null and not ('paypal' = any(g.payout_methods))
			                   then 'no payout method chosen'
			               when not (coalesce(m.method, 'paypal') = any(g.payout_methods))
			                   then 'payout method ' || m.method || ' is not offered by the program'
			               when coalesce(m.method, 'paypal') = 'paypal' and nullif(btrim(p.payout_email), '') is null
			                   then 'no payout e-mail'
			               when g.require_tax_details and not exists (select 1 from payout_tax_details t
			                                                          where t.partner_id = b.partner_id)
			                   then 'no tax details'
			           end as blocked_reason
			    from per_partner b
			    join partner_directory p on p.id = b.partner_id
			    join program_catalog g on g.id = p.program_id
			    left join payout_method m on m.partner_id = b.partner_id
			)
			""";

	/**
	 * What a payout pays, the one rule for both sources of a balance ({@code c}: a
	 * commission or a partner's total per status and currency; {@code p}: its partner):
	 * approved amounts of approved partners (of one program, or all when :program is
	 * null; in one currency, or all when :currency is null). Written once so the
	 * dashboard's payable sum and the batch cannot drift apart.
	 */
	private static final String PAYABLE = """
			    where c.status = 'approved' and p.status = 'approved'
			      and (cast(:program as bigint) is null or p.program_id = cast(:program as bigint))
			      and (cast(:currency as varchar) is null or c.currency = cast(:currency as varchar))
			""";

	/**
	 * The {@link #PAYABLE} commissions that are in no live payout item, summed per
	 * partner and currency — never across currencies. Shared by the preview and the batch
	 * creation so both agree.
	 */
	static final String BALANCES = """
			candidates as materialized (
			    select c.id, c.partner_id, c.amount, c.currency
			    from commission_ledger c
			    join partner_directory p on p.id = c.partner_id
			""" + PAYABLE + """
			      and not exists (select 1 from payout_item_commission l
			                      where l.commission_id = c.id and l.released_at is null)
			),
			per_partner as (select partner_id, currency, sum(amount) as amount, count(*) as n
			                from candidates group by partner_id, currency),
			""" + PayoutQueries.BALANCES_PER_PARTNER;

	/**
	 * The same balances from the {@link #PAYABLE} totals commissions keeps per partner,
	 * less the approved commissions in an unpaid batch: a preview without reading every
	 * approved commission (a paid batch holds no approved commission, a cancelled one is
	 * released).
	 */
	static final String BALANCES_FROM_TOTALS = """
			per_partner as (
			    select c.partner_id, c.currency, c.amount - coalesce(q.amount, 0) as amount,
			           c.n - coalesce(q.n, 0) as n
			    from commission_partner_balance c
			    join partner_directory p on p.id = c.partner_id
			    left join (select c.partner_id, c.currency, sum(c.amount) as amount, count(*) as n
			               from payout_batch pb
			               join payout_item_commission l on l.batch_id = pb.id and l.released_at is null
			               join commission_ledger c on c.id = l.commission_id and c.status = 'approved'
			               where pb.status = 'created'
			               group by c.partner_id, c.currency) q
			           on q.partner_id = c.partner_id and q.currency = c.currency
			""" + PAYABLE + """
			),
			""" + PayoutQueries.BALANCES_PER_PARTNER;

	private static final String BATCH_COLUMNS = """
			select b.id, b.program_id, g.name as program_name, b.status, b.currency, b.total, b.item_count,
			       b.created_by, b.created_at, b.paid_at, b.cancelled_at
			from payout_batch b left join program_catalog g on g.id = b.program_id
			""";

	private static final String ITEM_COLUMNS = """
			select i.id, i.batch_id, i.partner_id, p.code, ct.first_name, ct.last_name, ct.email, i.payout_email,
			       i.amount, i.currency, i.commission_count, i.status, i.paid_at, i.method, i.account_holder,
			       i.iban_mask, i.instructions, i.reference
			from payout_item i
			join partner_directory p on p.id = i.partner_id
			join contact_directory ct on ct.id = p.contact_id
			""";

	private final JdbcClient jdbc;

	PayoutQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Preview preview(Long programId) {
		List<Line> lines = this.jdbc.sql("with " + BALANCES + """
				select b.partner_id, b.code, ct.first_name, ct.last_name, ct.email, b.payout_email, b.amount,
				       b.currency, b.n, b.minimum_payout, b.method, b.blocked_reason
				from balances b join contact_directory ct on ct.id = b.contact_id
				order by b.amount desc, b.code, b.currency
				""")
			.param("program", programId, java.sql.Types.BIGINT)
			.param("currency", null, java.sql.Types.VARCHAR)
			.query(PayoutQueries::line)
			.list();
		List<Line> payable = new ArrayList<>();
		List<Line> blocked = new ArrayList<>();
		List<Line> below = new ArrayList<>();
		for (Line line : lines) {
			(line.belowMinimum() ? below : line.blocked() ? blocked : payable).add(line);
		}
		return new Preview(programId, payable, blocked, below);
	}

	/** The partner's unbatched approved balance in one currency (clawbacks deducted). */
	public BigDecimal unbatchedBalance(long partnerId, String currency) {
		return this.jdbc.sql("""
				select coalesce(sum(c.amount), 0) from commission_ledger c
				where c.partner_id = :partner and c.status = 'approved' and c.currency = :currency
				  and not exists (select 1 from payout_item_commission l
				                  where l.commission_id = c.id and l.released_at is null)
				""").param("partner", partnerId).param("currency", currency).query(BigDecimal.class).single();
	}

	/**
	 * The payable part of the {@link #preview}, summed per currency: what a batch created
	 * now would pay.
	 */
	public java.util.Map<String, BigDecimal> payableByCurrency(@org.jspecify.annotations.Nullable Long programId) {
		java.util.Map<String, BigDecimal> payable = new java.util.TreeMap<>();
		this.jdbc.sql("with " + BALANCES_FROM_TOTALS + """
				select b.currency, sum(b.amount) as payable from balances b
				where b.amount > 0 and b.amount >= b.minimum_payout and b.blocked_reason is null
				group by b.currency
				""")
			.param("program", programId, java.sql.Types.BIGINT)
			.param("currency", null, java.sql.Types.VARCHAR)
			.query((rs, n) -> payable.put(rs.getString("currency"), rs.getBigDecimal("payable")))
			.list();
		return payable;
	}

	public java.util.Map<String, BigDecimal> unbatchedByCurrency() {
		java.util.Map<String, BigDecimal> due = new java.util.TreeMap<>();
		this.jdbc.sql("""
				select c.currency, sum(c.amount) as due from commission_ledger c
				where c.status = 'approved'
				  and not exists (select 1 from payout_item_commission l
				                  where l.commission_id = c.id and l.released_at is null)
				group by c.currency having sum(c.amount) > 0
				""").query((rs, n) -> due.put(rs.getString("currency"), rs.getBigDecimal("due"))).list();
		return due;
	}

	public Optional<Batch> findBatch(long id) {
		return this.jdbc.sql(BATCH_COLUMNS + " where b.id = :id")
			.param("id", id)
			.query(PayoutQueries::batch)
			.optional();
	}

	public Page<Batch> batches(Pageable pageable) {
		long total = this.jdbc.sql("select count(*) from payout_batch").query(Long.class).single();
		List<Batch> rows = this.jdbc
			.sql(BATCH_COLUMNS + " order by b.created_at desc, b.id desc limit :limit offset :offset")
			.param("limit", pageable.getPageSize())
			.param("offset", pageable.getOffset())
			.query(PayoutQueries::batch)
			.list();
		return new PageImpl<>(rows, pageable, total);
	}

	public List<Item> items(long batchId) {
		return this.jdbc.sql(ITEM_COLUMNS + " where i.batch_id = :batch order by i.amount desc, i.id")
			.param("batch", batchId)
			.query(PayoutQueries::item)
			.list();
	}

	public Page<Item> items(long batchId, Pageable pageable) {
		long total = this.jdbc.sql("select count(*) from payout_item where batch_id = :batch")
			.param("batch", batchId)
			.query(Long.class)
			.single();
		List<Item> rows = this.jdbc
			.sql(ITEM_COLUMNS + " where i.batch_id = :batch order by i.amount desc, i.id limit :limit offset :offset")
			.param("batch", batchId)
			.param("limit", pageable.getPageSize())
			.param("offset", pageable.getOffset())
			.query(PayoutQueries::item)
			.list();
		return new PageImpl<>(rows, pageable, total);
	}

	/**
	 * Streams the batch's items (exports of thousands of partners never sit in memory at
	 * once).
	 */
	public void forEachItem(long batchId, Consumer<Item> action) {
		this.jdbc.sql(ITEM_COLUMNS + " where i.batch_id = :batch order by i.id")
			.param("batch", batchId)
			.query((RowCallbackHandler) rs -> action.accept(item(rs, 0)));
	}

	public List<CurrencyTotal> totals(long batchId) {
		return this.jdbc.sql("""
				select currency, sum(amount) as amount, count(*) as n from payout_item
				where batch_id = :batch group by currency order by currency
				""")
			.param("batch", batchId)
			.query((rs, n) -> new CurrencyTotal(rs.getString("currency"), rs.getBigDecimal("amount"), rs.getInt("n")))
			.list();
	}

	static Line line(ResultSet rs, int n) throws SQLException {
		return new Line(rs.getLong("partner_id"), rs.getString("code"), name(rs), rs.getString("email"),
				rs.getString("payout_email"), rs.getBigDecimal("amount"), rs.getString("currency"), rs.getInt("n"),
				rs.getBigDecimal("minimum_payout"), rs.getString("method"), rs.getString("blocked_reason"));
	}

	static Batch batch(ResultSet rs, int n) throws SQLException {
		long program = rs.getLong("program_id");
		return new Batch(rs.getLong("id"), rs.wasNull() ? null : program, rs.getString("program_name"),
				rs.getString("status"), rs.getString("currency"), rs.getBigDecimal("total"), rs.getInt("item_count"),
				rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "paid_at"),
				instant(rs, "cancelled_at"));
	}

	static Item item(ResultSet rs, int n) throws SQLException {
		return new Item(rs.getLong("id"), rs.getLong("batch_id"), rs.getLong("partner_id"), rs.getString("code"),
				name(rs), rs.getString("email"), rs.getString("payout_email"), rs.getBigDecimal("amount"),
				rs.getString("currency"), rs.getInt("commission_count"), rs.getString("status"), instant(rs, "paid_at"),
				rs.getString("method"), rs.getString("account_holder"), rs.getString("iban_mask"),
				rs.getString("instructions"), rs.getString("reference"));
	}

	private static String name(ResultSet rs) throws SQLException {
		return (rs.getString("first_name") + " " + rs.getString("last_name")).strip();
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

}
