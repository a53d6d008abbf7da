package dev.partnerhub.programs.domain;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.partnerhub.audit.Actor;
import dev.partnerhub.audit.AuditEntry;
import dev.partnerhub.audit.AuditLog;
import dev.partnerhub.programs.ExchangeRate;
import dev.partnerhub.programs.ExchangeRates;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.Currencies;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.ShortLivedCache;
import dev.partnerhub.support.UnprocessableException;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Exchange rates: stored once per pair and day, never changed (a database trigger refuses
 * updates and deletes). Storing the same pair and day again with the same rate is a
 * replay; with another rate it is a conflict. Lookups on the order path are cached for a
 * few seconds per pair and day (a new rate stored on this instance clears the cache at
 * once; other instances see it within {@link #CACHE_TTL}).
 */
@Service
public class ExchangeRateService implements ExchangeRates {

	static final Duration CACHE_TTL = Duration.ofSeconds(2);

	/** numeric(19,8): at most 11 digits before the point. */
	private static final BigDecimal MAX_RATE = new BigDecimal("100000000000");

	private static final LocalDate FIRST_DAY = LocalDate.of(1970, 1, 1);

	private final JdbcClient jdbc;

	private final AuditLog audit;

	private final Clock clock;

	private final ShortLivedCache<String, ExchangeRate> cache;

	ExchangeRateService(JdbcClient jdbc, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
		this.cache = new ShortLivedCache<>(CACHE_TTL, this.clock);
	}

	/** A stored rate with who stored it and when. */
	public record Stored(ExchangeRate rate, String createdBy, Instant createdAt) {
	}

	/**
	 * The answer to a store request: {@code created} is false for a replay of an
	 * identical rate.
	 */
	public record Saved(Stored stored, boolean created) {
	}

	/** A rate to store; {@code day} null = today (UTC). */
	public record NewRate(@Nullable String base, @Nullable String quote, BigDecimal rate, @Nullable LocalDate day) {
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<ExchangeRate> rateOn(String base, String quote, LocalDate day) {
		return this.cache.get(base + "/" + quote + "/" + day,
				key -> this.jdbc.sql("""
						select day, rate from exchange_rate
						where base = :base and quote = :quote and day <= :day
						order by day desc limit 1
						""")
					.param("base", base)
					.param("quote", quote)
					.param("day", day)
					.query((rs, n) -> new ExchangeRate(base, quote, rs.getObject("day", LocalDate.class),
							rs.getBigDecimal("rate")))
					.optional());
	}

	@Override
	public ExchangeRate require(String base, String quote, LocalDate day) {
		return rateOn(base, quote, day).orElseThrow(() -> new UnprocessableException("currency",
				"No exchange rate " + base + "→" + quote + " is stored for " + day + " or earlier: store one with POST "
						+ "/api/v1/exchange-rates {\"base\": \"" + base + "\", \"quote\": \"" + quote
						+ "\", \"rate\": ..., \"day\": \"" + day
						+ "\"} (or in the console under Exchange rates), then send the order again."));
	}

	/**
	 * Stores a rate (validated here whatever the caller); audited as
	 * {@code exchange_rate.create}.
	 */
	@Transactional
	public Saved store(NewRate rate) {
		return store(rate, "");
	}

	/**
	 * Several rates in one transaction (the console's CSV): the first bad row stops all,
	 * naming its line.
	 */
	@Transactional
	public List<Saved> storeAll(List<NewRate> rates) {
		List<Saved> saved = new ArrayList<>(rates.size());
		for (int i = 0; i < rates.size(); i++) {
			saved.add(store(rates.get(i), "Line " + (i + 1) + ": "));
		}
		return saved;
	}

	private Saved store(NewRate request, String prefix) {
		String base;
		String quote;
		try {
			base = Currencies.require("base", request.base());
			quote = Currencies.require("quote", request.quote());
		}
		catch (InvalidInputException ex) {
			throw new InvalidInputException(ex.field(), prefix + ex.getMessage());
		}
		if (base.equals(quote)) {
			throw new InvalidInputException("quote", prefix + "Base and quote must be two different currencies.");
		}
		BigDecimal value = request.rate();
		if (value == null || value.signum() <= 0 || value.compareTo(MAX_RATE) >= 0
				|| value.stripTrailingZeros().scale() > 8) {
			throw new InvalidInputException("rate",
					prefix + "The rate must be more than 0 and less than 100,000,000,000, with at most 8 decimals.");
		}
		LocalDate day = request.day() == null ? LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC)
				: request.day();
		if (day.isBefore(FIRST_DAY) || day.getYear() > 2999) {
			throw new InvalidInputException("day", prefix + "The day must be between 1970-01-01 and 2999-12-31.");
		}
		String actor = Actor.current();
		Optional<Stored> inserted = this.jdbc.sql("""
				insert into exchange_rate (base, quote, day, rate, created_by, created_at)
				values (:base, :quote, :day, :rate, :actor, :at)
				on conflict (base, quote, day) do nothing
				returning base, quote, day, rate, created_by, created_at
				""")
			.param("base", base)
			.param("quote", quote)
			.param("day", day)
			.param("rate", value)
			.param("actor", actor.length() > 254 ? actor.substring(0, 254) : actor)
			.param("at", Timestamp.from(this.clock.instant()))
			.query((rs, n) -> stored(rs))
			.optional();
		if (inserted.isPresent()) {
			this.cache.clearOnCommit();
			this.audit
				.record(AuditEntry.of(actor, "exchange_rate.create", "exchange_rate", base + "/" + quote + "/" + day,
						null, "{\"rate\":\"%s\"}".formatted(value.stripTrailingZeros().toPlainString())));
			return new Saved(inserted.get(), true);
		}
		Stored existing = find(base, quote, day).orElseThrow();
		if (existing.rate().rate().compareTo(value) != 0) {
			throw new ConflictException("rate",
					prefix + "A rate " + base + "→" + quote + " for " + day + " is stored already ("
							+ existing.rate().rate().stripTrailingZeros().toPlainString()
							+ "). A stored rate is never changed: store the new rate for a later day.");
		}
		return new Saved(existing, false);
	}

	@Transactional(readOnly = true)
	public Optional<Stored> find(String base, String quote, LocalDate day) {
		return this.jdbc.sql("""
				select base, quote, day, rate, created_by, created_at from exchange_rate
				where base = :base and quote = :quote and day = :day
				""")
			.param("base", base)
			.param("quote", quote)
			.param("day", day)
			.query((rs, n) -> stored(rs))
			.optional();
	}

	/** Newest day first; {@code base}/{@code quote} null = any. */
	@Transactional(readOnly = true)
	public Page<Stored> list(String base, String quote, Pageable pageable) {
		String where = " where (cast(:base as varchar) is null or base = :base)"
				+ " and (cast(:quote as varchar) is null or quote = :quote)";
		long total = this.jdbc.sql("select count(*) from exchange_rate" + where)
			.param("base", base, java.sql.Types.VARCHAR)
			.param("quote", quote, java.sql.Types.VARCHAR)
			.query(Long.class)
			.single();
		List<Stored> rows = total == 0 ? List.of()
				: this.jdbc.sql("""
						select base, quote, day, rate, created_by, created_at from exchange_rate
						""" + where + " order by day desc, base, quote limit :limit offset :offset")
					.param("base", base, java.sql.Types.VARCHAR)
					.param("quote", quote, java.sql.Types.VARCHAR)
					.param("limit", pageable.getPageSize())
					.param("offset", pageable.getOffset())
					.query((rs, n) -> stored(rs))
					.list();
		return new PageImpl<>(rows, pageable, total);
	}

	private static Stored stored(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Stored(
				new ExchangeRate(rs.getString("base"), rs.getString("quote"), rs.getObject("day", LocalDate.class),
						rs.getBigDecimal("rate")),
				rs.getString("created_by"), rs.getTimestamp("created_at").toInstant());
	}

}
