package dev.partnerhub.partners.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.partnerhub.audit.Actor;
import dev.partnerhub.audit.AuditEntry;
import dev.partnerhub.audit.AuditLog;
import dev.partnerhub.partners.CouponApi;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Assigns coupon codes to partners and answers which partner a code credits. A code is
 * taken once for ever: the unique index on {@code lower(code)} decides between two admins
 * creating it at once, and disabling keeps the row.
 */
@Service
@Transactional
public class CouponService implements CouponApi {

	/**
	 * Letters and digits first, then also {@code . _ -}: what shops and Stripe accept as
	 * a discount code.
	 */
	static final String CODE_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

	private static final String SELECT = """
			select pc.id, pc.code, pc.partner_id, p.code as partner_code, pc.status, pc.stripe_promotion_code_id,
			       pc.created_at, pc.disabled_at
			from partner_coupon pc join partner p on p.id = pc.partner_id
			""";

	private final JdbcClient jdbc;

	private final AuditLog audit;

	private final Clock clock;

	CouponService(JdbcClient jdbc, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * A new active coupon; a code taken by anyone (also disabled) is a ConflictException.
	 * Audited.
	 */
	public Coupon create(long partnerId, String code, String stripePromotionCodeId) {
		String clean = code == null ? "" : code.strip();
		if (!clean.matches(CODE_PATTERN)) {
			throw new InvalidInputException("code",
					"A coupon code is 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit.");
		}
		String promo = stripePromotionCodeId == null || stripePromotionCodeId.isBlank() ? null
				: stripePromotionCodeId.strip();
		if (promo != null && !promo.matches("[A-Za-z0-9_]{1,100}")) {
			throw new InvalidInputException("stripePromotionCodeId",
					"A Stripe promotion code id looks like promo_1Pgc79B7WZ01zgkW (letters, digits, underscores).");
		}
		requirePartner(partnerId);
		if (promo != null
				&& this.jdbc.sql("select exists (select 1 from partner_coupon where stripe_promotion_code_id = :p)")
					.param("p", promo)
					.query(Boolean.class)
					.single()) {
			throw new ConflictException("stripePromotionCodeId",
					"The Stripe promotion code " + promo + " is already mapped to another coupon.");
		}
		// ON CONFLICT: of two concurrent creators the second waits for the first's
		// commit, then inserts nothing.
		Optional<Long> id = this.jdbc.sql("""
				insert into partner_coupon (code, partner_id, stripe_promotion_code_id, created_at)
				values (:code, :partner, :promo, :now)
				on conflict do nothing returning id
				""")
			.param("code", clean)
			.param("partner", partnerId)
			.param("promo", promo)
			.param("now", Timestamp.from(this.clock.instant()))
			.query(Long.class)
			.optional();
		if (id.isEmpty()) {
			boolean codeTaken = this.jdbc
				.sql("select exists (select 1 from partner_coupon where lower(code) = lower(:code))")
				.param("code", clean)
				.query(Boolean.class)
				.single();
			if (codeTaken) {
				throw new ConflictException("code",
						"The coupon code " + clean + " is taken (codes are never reused, also once disabled).");
			}
			throw new ConflictException("stripePromotionCodeId",
					"The Stripe promotion code " + promo + " is already mapped to another coupon.");
		}
		Coupon coupon = find(id.get()).orElseThrow();
		this.audit.record(AuditEntry.of(Actor.current(), "coupon.create", "partner", coupon.partnerCode(), null,
				"coupon=" + coupon.code()));
		return coupon;
	}

	/**
	 * Disables his coupon (idempotent); a code of another partner or none is a
	 * NotFoundException. Audited once.
	 */
	public Coupon disable(long partnerId, String code) {
		Coupon coupon = ofPartnerByCode(partnerId, code);
		int changed = this.jdbc.sql("""
				update partner_coupon set status = 'disabled', disabled_at = :now
				where id = :id and status = 'active'
				""").param("now", Timestamp.from(this.clock.instant())).param("id", coupon.id()).update();
		if (changed > 0) {
			this.audit.record(AuditEntry.of(Actor.current(), "coupon.disable", "partner", coupon.partnerCode(),
					"coupon=" + coupon.code() + " active", "coupon=" + coupon.code() + " disabled"));
		}
		return find(coupon.id()).orElseThrow();
	}

	/** Disables his coupon by its row id (the console's button). */
	public Coupon disable(long partnerId, long couponId) {
		Coupon coupon = find(couponId).filter(c -> c.partnerId() == partnerId)
			.orElseThrow(() -> new NotFoundException("No coupon " + couponId + " of this partner"));
		return disable(partnerId, coupon.code());
	}

	@Transactional(readOnly = true)
	public List<Coupon> ofPartner(long partnerId) {
		return this.jdbc.sql(SELECT + " where pc.partner_id = :partner order by pc.status, pc.created_at, pc.id")
			.param("partner", partnerId)
			.query(CouponService::coupon)
			.list();
	}

	@Transactional(readOnly = true)
	public Coupon ofPartnerByCode(long partnerId, String code) {
		return this.jdbc.sql(SELECT + " where pc.partner_id = :partner and lower(pc.code) = lower(:code)")
			.param("partner", partnerId)
			.param("code", code == null ? "" : code.strip())
			.query(CouponService::coupon)
			.optional()
			.orElseThrow(() -> new NotFoundException("No coupon " + code + " of this partner"));
	}

	/**
	 * Whether the partner has coupons (he cannot be removed then: the codes must stay
	 * his).
	 */
	@Transactional(readOnly = true)
	public boolean hasCoupons(long partnerId) {
		return this.jdbc.sql("select exists (select 1 from partner_coupon where partner_id = :p)")
			.param("p", partnerId)
			.query(Boolean.class)
			.single();
	}

	@Override
	@Transactional(readOnly = true)
	public Map<String, Owner> activeOwners(Collection<String> codes) {
		Set<String> keys = new LinkedHashSet<>();
		for (String code : codes) {
			if (code != null && !code.isBlank() && code.strip().length() <= 64) {
				keys.add(code.strip().toLowerCase(Locale.ROOT));
			}
		}
		if (keys.isEmpty()) {
			return Map.of();
		}
		Map<String, Owner> owners = new HashMap<>();
		// The codes first, by their index, whatever the planner thinks of the tables'
		// sizes: on a young database
		// without statistics it otherwise walked every partner and probed the coupons of
		// each.
		this.jdbc.sql("""
				with pc as materialized (
				    select code, partner_id from partner_coupon where lower(code) = any(:codes) and status = 'active'
				)
				select pc.code, pc.partner_id, p.code as partner_code
				from pc join partner p on p.id = pc.partner_id
				where p.status = 'approved'
				""").param("codes", new SqlArrayValue("varchar", keys.toArray())).query((ResultSet rs) -> {
			while (rs.next()) {
				String code = rs.getString("code");
				owners.put(code.toLowerCase(Locale.ROOT),
						new Owner(code, rs.getLong("partner_id"), rs.getString("partner_code")));
			}
			return owners;
		});
		return owners;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<String> codeOfStripePromotion(String promotionCodeId) {
		if (promotionCodeId == null || promotionCodeId.isBlank()) {
			return Optional.empty();
		}
		return this.jdbc.sql("select code from partner_coupon where stripe_promotion_code_id = :p")
			.param("p", promotionCodeId.strip())
			.query(String.class)
			.optional();
	}

	@Override
	@Transactional(readOnly = true)
	public List<String> activeCodesOf(long partnerId) {
		return this.jdbc.sql("""
				select code from partner_coupon where partner_id = :p and status = 'active' order by created_at, id
				""").param("p", partnerId).query(String.class).list();
	}

	private Optional<Coupon> find(long id) {
		return this.jdbc.sql(SELECT + " where pc.id = :id").param("id", id).query(CouponService::coupon).optional();
	}

	private void requirePartner(long partnerId) {
		if (!this.jdbc.sql("select exists (select 1 from partner where id = :id)")
			.param("id", partnerId)
			.query(Boolean.class)
			.single()) {
			throw new NotFoundException("No partner " + partnerId);
		}
	}

	private static Coupon coupon(ResultSet rs, int row) throws SQLException {
		Timestamp disabled = rs.getTimestamp("disabled_at");
		return new Coupon(rs.getLong("id"), rs.getString("code"), rs.getLong("partner_id"),
				rs.getString("partner_code"), "active".equals(rs.getString("status")),
				rs.getString("stripe_promotion_code_id"), rs.getTimestamp("created_at").toInstant(),
				disabled == null ? null : disabled.toInstant());
	}

}
