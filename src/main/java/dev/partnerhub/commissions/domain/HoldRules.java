package dev.partnerhub.commissions.domain;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;

import dev.partnerhub.support.DayRange;
import dev.partnerhub.audit.AuditEntry;
import dev.partnerhub.audit.AuditLog;
import dev.partnerhub.commissions.Sale;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.IpAddresses;
import dev.partnerhub.support.PartnerhubProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The fraud hold rules (docs/orders-and-commissions.md, "Fraud hold"): a sale whose
 * commissions one of them flags is recorded {@code held}, with the reason. Settings come
 * from the console's settings page ({@code commission_hold_settings}), else from
 * {@code partnerhub.fraud.*}.
 */
@Component
public class HoldRules {

	/**
	 * @param matchPartner hold when the buyer's e-mail is the partner's payout e-mail or
	 * the order's IP one the partner signed in from
	 * @param maxOrdersPerIpPerDay hold when one IP placed more orders than this for one
	 * partner on one UTC day (0 = off)
	 * @param minSecondsAfterClick hold when the order came less than this many seconds
	 * after the crediting click (0 = off)
	 */
	public record Settings(boolean matchPartner, int maxOrdersPerIpPerDay, int minSecondsAfterClick) {

		public Settings {
			if (maxOrdersPerIpPerDay < 0 || maxOrdersPerIpPerDay > 100_000) {
				throw new InvalidInputException("maxOrdersPerIpPerDay",
						"Orders per IP and day must be 0 (off) to 100000.");
			}
			if (minSecondsAfterClick < 0 || minSecondsAfterClick > 86_400) {
				throw new InvalidInputException("minSecondsAfterClick",
						"Seconds after the click must be 0 (off) to 86400.");
			}
		}

	}

	private final JdbcClient jdbc;

	private final PartnerhubProperties properties;

	private final AuditLog audit;

	HoldRules(JdbcClient jdbc, PartnerhubProperties properties, AuditLog audit) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.audit = audit;
	}

	public Settings current() {
		return this.jdbc.sql("""
				select match_partner, max_orders_per_ip_per_day, min_seconds_after_click
				from commission_hold_settings where id = 1
				""")
			.query((rs, n) -> new Settings(rs.getBoolean(1), rs.getInt(2), rs.getInt(3)))
			.optional()
			.orElseGet(() -> {
				PartnerhubProperties.Fraud d = this.properties.fraud();
				return new Settings(d.matchPartner(), d.maxOrdersPerIpPerDay(), d.minSecondsAfterClick());
			});
	}

	@Transactional
	public Settings save(Settings settings, String actor) {
		Settings before = current();
		this.jdbc.sql("""
				insert into commission_hold_settings (id, match_partner, max_orders_per_ip_per_day,
				    min_seconds_after_click, updated_by)
				values (1, :match, :ip, :click, :actor)
				on conflict (id) do update set match_partner = excluded.match_partner,
				    max_orders_per_ip_per_day = excluded.max_orders_per_ip_per_day,
				    min_seconds_after_click = excluded.min_seconds_after_click,
				    updated_by = excluded.updated_by, updated_at = now()
				""")
			.param("match", settings.matchPartner())
			.param("ip", settings.maxOrdersPerIpPerDay())
			.param("click", settings.minSecondsAfterClick())
			.param("actor", actor)
			.update();
		this.audit.record(AuditEntry.of(actor, "settings.fraud_hold", "settings", "fraud-hold", before.toString(),
				settings.toString()));
		return settings;
	}

	/**
	 * Why this sale's commissions go on hold, or null. Recurring charges are checked for
	 * the e-mail only (their IP and click are the order's).
	 * @param payoutEmail the tier-1 partner's payout e-mail (may be null)
	 */
	@Nullable String reason(Settings settings, Sale sale, long partnerId, String buyerEmail, @Nullable String payoutEmail) {
		if (settings.matchPartner() && payoutEmail != null && !payoutEmail.isBlank()
				&& payoutEmail.strip().toLowerCase(Locale.ROOT).equals(buyerEmail.strip().toLowerCase(Locale.ROOT))) {
			return "buyer e-mail matches the partner's payout e-mail";
		}
		if (settings.matchPartner() && sale.buyerIp() != null && signedInFrom(partnerId, sale.buyerIp())) {
			return "buyer IP " + sale.buyerIp() + " is one the partner signed in from";
		}
		if (sale.recurringCharge()) {
			return null;
		}
		if (settings.maxOrdersPerIpPerDay() > 0 && sale.buyerIp() != null) {
			LocalDate day = LocalDate.ofInstant(sale.occurredAt(), ZoneOffset.UTC);
			long before = this.jdbc.sql("""
					select count(distinct order_id) from commission
					where partner_id = :partner and buyer_ip = :ip and clawback_of is null and charge_id is null
					  and transaction_date >= :from and transaction_date < :to and order_id <> :order
					""")
				.param("partner", partnerId)
				.param("ip", sale.buyerIp())
				.param("from", DayRange.startTimestamp(day))
				.param("to", DayRange.endExclusiveTimestamp(day))
				.param("order", sale.orderId())
				.query(Long.class)
				.single();
			if (before + 1 > settings.maxOrdersPerIpPerDay()) {
				return "order " + (before + 1) + " from IP " + sale.buyerIp() + " for this partner on " + day
						+ " (more than " + settings.maxOrdersPerIpPerDay() + ")";
			}
		}
		if (settings.minSecondsAfterClick() > 0 && sale.attribution() != null) {
			Instant clicked = this.jdbc.sql("""
					select k.clicked_at from contact_directory ct
					join click_log k on k.partner_id = :partner
					 and k.token = case when :rule = 'first' then ct.first_referral else ct.last_referral end
					where ct.id = :contact
					""")
				.param("partner", partnerId)
				.param("rule", sale.attribution().rule() == null ? "last" : sale.attribution().rule().value())
				.param("contact", sale.contactId())
				.query(Timestamp.class)
				.optional()
				.map(Timestamp::toInstant)
				.orElse(null);
			if (clicked != null) {
				long seconds = Duration.between(clicked, sale.occurredAt()).toSeconds();
				if (seconds < settings.minSecondsAfterClick()) {
					return "order " + seconds + " s after the click (less than " + settings.minSecondsAfterClick()
							+ " s)";
				}
			}
		}
		return null;
	}

	/**
	 * Whether the partner's login signed in from this address (the newest 20 are kept).
	 */
	private boolean signedInFrom(long partnerId, String buyerIp) {
		Optional<InetAddress> buyer = IpAddresses.parse(buyerIp);
		if (buyer.isEmpty()) {
			return false;
		}
		return this.jdbc.sql("""
				select host(a.ip) from partner_directory p
				join partner_login_address a on a.contact_id = p.contact_id
				where p.id = :partner
				""")
			.param("partner", partnerId)
			.query(String.class)
			.list()
			.stream()
			.anyMatch(ip -> IpAddresses.parse(ip).equals(buyer));
	}

}
