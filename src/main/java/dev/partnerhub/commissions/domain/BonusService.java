package dev.partnerhub.commissions.domain;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.partnerhub.audit.Actor;
import dev.partnerhub.audit.AuditEntry;
import dev.partnerhub.audit.AuditLog;
import dev.partnerhub.commissions.Bonus;
import dev.partnerhub.commissions.BonusResult;
import dev.partnerhub.commissions.CommissionCreated;
import dev.partnerhub.commissions.CommissionLine;
import dev.partnerhub.commissions.CommissionStatus;
import dev.partnerhub.commissions.CommissionsCreated;
import dev.partnerhub.partners.PartnerApi;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.programs.ExchangeRate;
import dev.partnerhub.programs.ExchangeRates;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.Currencies;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.MoneyInput;
import dev.partnerhub.support.NotFoundException;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Bonuses: tier-1 commissions of kind {@code bonus} without an order. The bonus id is a
 * unique key ({@code commission_bonus_key}); {@code ON CONFLICT DO NOTHING} makes a
 * concurrent second call wait for the first one's commit and then find its row, so one id
 * is one commission whatever the timing.
 */
@Component
class BonusService {

	static final int MAX_REASON = 500;

	static final int MAX_BONUS_ID = 200;

	private final JdbcClient jdbc;

	private final PartnerApi partners;

	private final ProgramApi programs;

	private final ExchangeRates rates;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	BonusService(JdbcClient jdbc, PartnerApi partners, ProgramApi programs, ExchangeRates rates, AuditLog audit,
			ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.partners = partners;
		this.programs = programs;
		this.rates = rates;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	/** In the caller's transaction. */
	BonusResult give(Bonus bonus) {
		BigDecimal amount = checkedAmount(bonus.amount());
		String currency = Currencies.require("currency", bonus.currency());
		String reason = checkedReason(bonus.reason());
		String key = checkedKey(bonus.bonusId());
		PartnerSummary partner = this.partners.findById(bonus.partnerId())
			.orElseThrow(() -> new NotFoundException("No partner " + bonus.partnerId()));
		ProgramSummary program = this.programs.findProgram(partner.programId())
			.orElseThrow(() -> new NotFoundException("The partner's program is gone."));
		Instant now = this.clock.instant();
		ExchangeRate conversion = program.currency().equals(currency) ? null
				: this.rates.require(currency, program.currency(), LocalDate.ofInstant(now, ZoneOffset.UTC));
		BigDecimal earned = conversion == null ? amount : conversion.convert(amount);
		if (earned.signum() <= 0) {
			throw new InvalidInputException("amount", "The bonus converts to 0.00 " + program.currency() + ".");
		}
		Map<String, Object> params = new HashMap<>();
		params.put("partner", partner.id());
		params.put("contact", partner.contactId());
		params.put("base", amount);
		params.put("amount", earned);
		params.put("currency", program.currency());
		params.put("date", Timestamp.from(now));
		params.put("reason", reason);
		params.put("key", key);
		params.put("orderCurrency", conversion == null ? null : currency);
		params.put("rate", conversion == null ? null : conversion.rate());
		params.put("rateDay", conversion == null ? null : conversion.day().toString());
		Optional<Long> inserted = this.jdbc.sql("""
				insert into commission (partner_id, contact_id, tier, base_amount, original_amount, amount, currency,
				    status, transaction_date, reason, kind, bonus_key, order_currency, exchange_rate, rate_day)
				values (:partner, :contact, 1, :base, :amount, :amount, :currency, 'pending', :date, :reason, 'bonus',
				    :key, cast(:orderCurrency as varchar), cast(:rate as numeric), cast(:rateDay as date))
				on conflict (bonus_key) where bonus_key is not null do nothing
				returning id
				""").params(params).query(Long.class).optional();
		if (inserted.isEmpty()) {
			return existing(key, partner.id(), amount, currency);
		}
		long id = inserted.get();
		this.audit.record(AuditEntry
			.of(Actor.current(), "commission.bonus", "commission", id, null,
					"partner=" + partner.code() + ", amount=" + earned + " " + program.currency()
							+ (conversion == null ? ""
									: " (" + amount + " " + currency + " at "
											+ conversion.rate().stripTrailingZeros().toPlainString() + ")"))
			.withDetail("bonus id " + key + "; " + reason));
		this.events.publishEvent(new CommissionCreated(id, partner.id(), partner.contactId(), null, 1, earned,
				program.currency(), CommissionStatus.PENDING, now, null));
		this.events.publishEvent(new CommissionsCreated(List.of(id), List.of(partner.id())));
		return new BonusResult(line(id, partner, earned, program.currency(), conversion), reason, key, true);
	}

	/** The bonus this id made before: the same partner, amount and currency, or 409. */
	private BonusResult existing(String key, long partnerId, BigDecimal amount, String currency) {
		return this.jdbc.sql("""
				select c.id, c.partner_id, p.code, c.amount, c.status, c.currency, c.exchange_rate, c.reason,
				       c.base_amount, coalesce(c.order_currency, c.currency) as given_currency
				from commission c join partner_directory p on p.id = c.partner_id
				where c.bonus_key = :key
				""").param("key", key).query((rs, n) -> {
			if (rs.getLong("partner_id") != partnerId || rs.getBigDecimal("base_amount").compareTo(amount) != 0
					|| !currency.equals(rs.getString("given_currency"))) {
				throw new ConflictException("bonusId",
						"Bonus id '" + key + "' was used for another bonus (partner, amount or currency differ).");
			}
			CommissionLine line = new CommissionLine(rs.getLong("id"), partnerId, rs.getString("code"), 1,
					rs.getBigDecimal("amount"), CommissionStatus.of(rs.getString("status")), null, null,
					rs.getString("currency"), rs.getBigDecimal("exchange_rate"));
			return new BonusResult(line, rs.getString("reason"), key, false);
		}).single();
	}

	private static CommissionLine line(long id, PartnerSummary partner, BigDecimal amount, String currency,
			@Nullable ExchangeRate conversion) {
		return new CommissionLine(id, partner.id(), partner.code(), 1, amount, CommissionStatus.PENDING, null, null,
				currency, conversion == null ? null : conversion.rate());
	}

	private static BigDecimal checkedAmount(@Nullable BigDecimal amount) {
		if (amount == null) {
			throw new InvalidInputException("amount", "Amount is required.");
		}
		String problem = MoneyInput.amountProblem(amount.toPlainString());
		if (problem != null) {
			throw new InvalidInputException("amount", "Amount " + problem);
		}
		if (amount.signum() <= 0) {
			throw new InvalidInputException("amount", "A bonus must be more than 0.00.");
		}
		return amount.setScale(2);
	}

	static String checkedReason(@Nullable String reason) {
		if (reason == null || reason.isBlank()) {
			throw new InvalidInputException("reason", "A reason is required: the partner sees it with the bonus.");
		}
		String text = reason.strip();
		if (text.length() > MAX_REASON) {
			throw new InvalidInputException("reason", "The reason may have at most " + MAX_REASON + " characters.");
		}
		if (text.chars().anyMatch(ch -> Character.isISOControl(ch) && ch != '\n' && ch != '\r' && ch != '\t')) {
			throw new InvalidInputException("reason", "The reason may not contain control characters.");
		}
		return text;
	}

	private static String checkedKey(@Nullable String bonusId) {
		if (bonusId == null) {
			// The console: every submitted form is a new bonus.
			return "console:" + UUID.randomUUID();
		}
		String key = bonusId.strip();
		if (key.isEmpty() || key.length() > MAX_BONUS_ID || !key.matches("[\\x21-\\x7E]+")) {
			throw new InvalidInputException("bonusId",
					"bonusId is required: 1 to " + MAX_BONUS_ID + " printable ASCII characters without spaces.");
		}
		return key;
	}

}
