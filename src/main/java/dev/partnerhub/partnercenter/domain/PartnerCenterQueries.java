package dev.partnerhub.partnercenter.domain;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.partnerhub.partners.PartnerStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The partner center's reads of one partner: who is logged in ({@link #me}), single
 * records by id (a referral, a commission, a payment) and the promo tools, plus the
 * read-model records the pages show. The lists live in {@link PartnerLists}, the
 * dashboard's figures in {@link PartnerFigures}. Each query takes the logged-in partner's
 * id ({@code me}, resolved from the session by {@link #me}) and filters on it in SQL, so
 * a partner can never reach another partner's rows by changing an id in a URL: a row of
 * someone else is simply not found.
 * <p>
 * These are read models over other modules' tables (commission, contact, customer_order,
 * click, promo_tool, payout_item, partner): the public APIs answer one record at a time,
 * the pages need one set-based statement each (no N+1). Writes always go through the
 * owning module's API.
 * <p>
 * No transaction on purpose: each read is one statement, consistent on its own, run in
 * auto-commit. A read-only transaction per call added BEGIN, SET READ ONLY and COMMIT
 * round trips to every query — most of the dashboard's time on a busy machine.
 */
@Repository
public class PartnerCenterQueries {

	private final JdbcClient jdbc;

	PartnerCenterQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The partner behind a login (by the login's contact, never by a parameter); empty
	 * for a login without one.
	 */
	public Optional<Me> me(String loginEmail) {
		return this.jdbc.sql(ME_SQL + """
				join partner_login u on u.contact_id = p.contact_id
				where lower(u.email) = lower(:email)
				""")
			.param("email", loginEmail == null ? "" : loginEmail.strip())
			.query(PartnerCenterQueries::me)
			.optional();
	}

	/**
	 * A partner by id, for the console's "preview as a partner" only (admins choose whom
	 * to preview).
	 */
	public Optional<Me> meById(long partnerId) {
		return this.jdbc.sql(ME_SQL + " where p.id = :id")
			.param("id", partnerId)
			.query(PartnerCenterQueries::me)
			.optional();
	}

	/** A partner by his code, for the console's preview form. */
	public Optional<Me> meByCode(String code) {
		return this.jdbc.sql(ME_SQL + " where lower(p.code) = lower(:code)")
			.param("code", code == null ? "" : code.strip())
			.query(PartnerCenterQueries::me)
			.optional();
	}

	private static final String ME_SQL = """
			select p.id, p.contact_id, p.program_id, p.code, p.status, p.parent_id, p.payout_email, p.created_at,
			       c.email, c.first_name, c.last_name, pr.name as program_name, pr.currency, pr.tiers
			from partner_directory p
			join contact_directory c on c.id = p.contact_id
			join program_catalog pr on pr.id = p.program_id
			""";

	private static Me me(ResultSet rs, int n) throws SQLException {
		return new Me(rs.getLong("id"), rs.getLong("contact_id"), rs.getLong("program_id"), rs.getString("code"),
				PartnerStatus.of(rs.getString("status")), (Long) rs.getObject("parent_id"),
				rs.getString("payout_email"), instant(rs, "created_at"), rs.getString("email"),
				rs.getString("first_name"), rs.getString("last_name"), rs.getString("program_name"),
				rs.getString("currency"), rs.getInt("tiers"));
	}

	/**
	 * One referred contact of his (first or last referrer), or empty — also for another
	 * partner's contact.
	 */
	public Optional<Referral> referral(long me, long contactId) {
		return this.jdbc
			.sql("""
					select c.id, c.first_name, c.last_name, c.email, c.date_added,
					       (select count(*) from order_ledger o where o.contact_id = c.id and o.status <> 'unpaid') as orders,
					       (select count(*) from order_ledger o where o.contact_id = c.id and o.status = 'open') as open
					from contact_directory c
					where c.id = :id and (c.first_referrer_id = :me or c.last_referrer_id = :me)
					""")
			.param("id", contactId)
			.param("me", me)
			.query((rs, n) -> new Referral(rs.getLong("id"), rs.getString("first_name"), rs.getString("last_name"),
					rs.getString("email"), instant(rs, "date_added"), rs.getLong("orders"), rs.getLong("open")))
			.optional();
	}

	/** One of his commissions, or empty (also when it is another partner's). */
	public Optional<CommissionRow> commission(long me, long id) {
		return this.jdbc.sql(COMMISSION_SELECT + " where cm.id = :id and cm.partner_id = :me")
			.param("id", id)
			.param("me", me)
			.query(COMMISSION_ROW)
			.optional();
	}

	/** One payment to him, or empty (also another partner's). */
	public Optional<Payment> payment(long me, long itemId) {
		return this.jdbc.sql(PAYMENT_SELECT + " where i.id = :id and i.partner_id = :me and i.status = 'paid'")
			.param("id", itemId)
			.param("me", me)
			.query(PAYMENT_ROW)
			.optional();
	}

	/** The commissions a payment of his paid (clawbacks deducted included). */
	public List<CommissionRow> commissionsOfPayment(long me, long itemId) {
		return this.jdbc.sql(COMMISSION_SELECT + """
				 join payout_statement_line pic on pic.commission_id = cm.id and pic.released_at is null
				 where pic.item_id = :item and cm.partner_id = :me
				 order by cm.transaction_date desc, cm.id desc
				""").param("item", itemId).param("me", me).query(COMMISSION_ROW).list();
	}

	/** The promo tools of his program. */
	public List<Tool> tools(long programId) {
		return this.jdbc.sql("""
				select id, kind, name, landing_url, alt_text, width, height, image_content_type, email_subject,
				       email_body, lightbox_html
				from promo_tool_catalog where program_id = :program
				order by case kind when 'link' then 1 when 'banner' then 2 when 'email' then 3 else 4 end,
				         lower(name), id
				""")
			.param("program", programId)
			.query((rs, n) -> new Tool(rs.getLong("id"), rs.getString("kind"), rs.getString("name"),
					rs.getString("landing_url"), rs.getString("alt_text"), (Integer) rs.getObject("width"),
					(Integer) rs.getObject("height"), rs.getString("image_content_type") != null,
					rs.getString("email_subject"), rs.getString("email_body"), rs.getString("lightbox_html")))
			.list();
	}

	static final String COMMISSION_SELECT = """
			select cm.id, cm.transaction_date, cm.amount, cm.currency, cm.tier, cm.status, cm.sku,
			       case cm.kind when 'sale' then pd.name when 'bonus' then 'Bonus: ' || cm.note
			                    else 'Lead: ' || cm.note end as product,
			       case when cm.kind = 'bonus' then null else ct.first_name end as first_name,
			       case when cm.kind = 'bonus' then null else ct.last_name end as last_name,
			       cm.paid_at, cm.approved_at, cm.clawback_of, cm.order_id, cm.kind, cm.note
			from commission_ledger cm
			join contact_directory ct on ct.id = cm.contact_id
			left join product_catalog pd on pd.id = cm.product_id""";

	static final RowMapper<CommissionRow> COMMISSION_ROW = (rs, n) -> new CommissionRow(rs.getLong("id"),
			instant(rs, "transaction_date"), rs.getBigDecimal("amount"), rs.getString("currency"), rs.getInt("tier"),
			rs.getString("status"), rs.getString("sku"), rs.getString("product"),
			name(rs.getString("first_name"), rs.getString("last_name")), instant(rs, "paid_at"),
			instant(rs, "approved_at"), rs.getObject("clawback_of") != null, rs.getString("kind"),
			rs.getString("note"));

	private static String name(String first, String last) {
		return ((first == null ? "" : first) + " " + (last == null ? "" : last)).trim();
	}

	static final String PAYMENT_SELECT = """
			select i.id, i.batch_id, i.amount, i.currency, i.paid_at, i.commission_count,
			       case i.method when 'bank' then 'Bank transfer' || coalesce(' to IBAN ' || i.iban_mask, '')
			                     when 'other' then 'As your payout instructions say'
			                     else i.payout_email end as payout_email
			from payout_statement i""";

	static final RowMapper<Payment> PAYMENT_ROW = (rs, n) -> new Payment(rs.getLong("id"), rs.getLong("batch_id"),
			rs.getBigDecimal("amount"), rs.getString("currency"), instant(rs, "paid_at"), rs.getInt("commission_count"),
			rs.getString("payout_email"));

	/** The first character of the local part, then {@code ***}, then the domain. */
	public static String mask(String email) {
		if (email == null || email.isBlank()) {
			return "";
		}
		int at = email.lastIndexOf('@');
		if (at <= 0) {
			return email.charAt(0) + "***";
		}
		return email.charAt(0) + "***" + email.substring(at);
	}

	static BigDecimal money(ResultSet rs, String column) throws SQLException {
		BigDecimal value = rs.getBigDecimal(column);
		return value == null ? null : value.setScale(2, java.math.RoundingMode.HALF_UP);
	}

	static Timestamp ts(Instant instant) {
		return Timestamp.from(instant);
	}

	static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

	/** A WHERE fragment over {@code cm} with its parameters. */
	public record Where(String sql, Map<String, Object> params) {
	}

	public record Me(long partnerId, long contactId, long programId, String code, PartnerStatus status,
			@Nullable Long parentId, @Nullable String payoutEmail, Instant joinedAt, String email, String firstName,
			String lastName, String programName, String currency, int tiers) {

		public String name() {
			String name = ((this.firstName == null ? "" : this.firstName) + " "
					+ (this.lastName == null ? "" : this.lastName))
				.trim();
			return name.isEmpty() ? this.email : name;
		}

		public boolean approved() {
			return this.status == PartnerStatus.APPROVED;
		}

	}

	/**
	 * Clicks, leads and sales, and his earnings per currency (never one figure over
	 * several currencies).
	 */
	public record Figures(long clicks, long leads, long sales, List<Earnings> earnings) {

		/** His earnings in this currency (zero when he has none in it). */
		public Earnings in(String currency) {
			return this.earnings.stream()
				.filter(e -> e.currency().equals(currency))
				.findFirst()
				.orElseGet(() -> Earnings.none(currency));
		}

		/** His earnings in every other currency, each on its own. */
		public List<Earnings> besides(String currency) {
			return this.earnings.stream().filter(e -> !e.currency().equals(currency)).toList();
		}

	}

	/**
	 * Commission sums of one currency; {@code sales} counts his tier-1 sales paid in it.
	 */
	public record Earnings(String currency, long sales, BigDecimal pending, BigDecimal approved, BigDecimal paid,
			BigDecimal earned) {

		static Earnings none(String currency) {
			BigDecimal zero = BigDecimal.ZERO.setScale(2);
			return new Earnings(currency, 0, zero, zero, zero, zero);
		}

	}

	public record Bucket(LocalDate start, BigDecimal amount) {
	}

	public record Referral(long id, String firstName, String lastName, String email, Instant dateAdded, long orders,
			long openOrders) {

		/**
		 * Privacy: a partner sees who he referred, not their full address
		 * ({@code j***@example.com}).
		 */
		public String maskedEmail() {
			return mask(this.email);
		}

		/** "2 orders, 1 open", "no orders yet". */
		public String orderStatus() {
			if (this.orders == 0) {
				return "no orders yet";
			}
			String text = this.orders + (this.orders == 1 ? " order" : " orders");
			return this.openOrders == 0 ? text : text + ", " + this.openOrders + " open";
		}

		public String name() {
			return ((this.firstName == null ? "" : this.firstName) + " " + (this.lastName == null ? "" : this.lastName))
				.trim();
		}

	}

	public record CommissionRow(long id, Instant transactionDate, BigDecimal amount, String currency, int tier,
			String status, @Nullable String sku, @Nullable String product, String contactName, @Nullable Instant paidAt,
			@Nullable Instant approvedAt, boolean clawback, String kind, @Nullable String note) {
	}

	public record OpenOrder(long id, Instant occurredAt, BigDecimal total, String currency, String contactName,
			@Nullable String products) {
	}

	public record ProductOption(long id, String sku, String name) {
	}

	public record Payment(long id, long batchId, BigDecimal amount, String currency, Instant paidAt,
			int commissionCount, @Nullable String payoutEmail) {
	}

	public record NetworkPartner(long id, String firstName, String lastName, Instant joinedAt, String status,
			long sales) {

		public String name() {
			return ((this.firstName == null ? "" : this.firstName) + " " + (this.lastName == null ? "" : this.lastName))
				.trim();
		}

	}

	public record StatusTotal(String status, String currency, long count, BigDecimal amount) {
	}

	public record Tool(long id, String kind, String name, @Nullable String landingUrl, @Nullable String altText,
			@Nullable Integer width, @Nullable Integer height, boolean hasImage, @Nullable String emailSubject,
			@Nullable String emailBody, @Nullable String lightboxHtml) {
	}

	/**
	 * One source's figures for a tool or SubID key (null = none); the caller adds the
	 * rows of equal keys.
	 */
	public record ReportRow(String key, long clicks, long leads, long sales, BigDecimal earnings) {
	}

}
