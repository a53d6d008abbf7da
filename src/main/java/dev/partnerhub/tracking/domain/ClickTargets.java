package dev.partnerhub.tracking.domain;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.partnerhub.partners.PartnerApi;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.programs.ProgramSummary;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a redirect needs (partner by code, program, promo tool), cached for
 * {@link #TTL_MILLIS} so the hot path of {@code /r/} does not query the database on every
 * click. Only found values are cached: an unknown code is looked up every time, so a new
 * or newly approved partner works at once, while a suspension or a changed landing URL
 * takes effect within two seconds on each instance (tool edits in this instance at once;
 * attribution always re-checks the partner's status). Bounded: the cache is cleared when
 * it holds more than {@link #MAX_ENTRIES} entries.
 */
@Component
public class ClickTargets {

	static final long TTL_MILLIS = 2_000;

	static final int MAX_ENTRIES = 20_000;

	/** The part of a promo tool a redirect needs. */
	public record ToolTarget(long id, long programId, @Nullable String landingUrl) {
	}

	private record Entry(Object value, long expiresAt) {
	}

	private final Map<Object, Entry> cache = new ConcurrentHashMap<>();

	private final PartnerApi partners;

	private final ProgramApi programs;

	private final JdbcClient jdbc;

	private final Clock clock;

	ClickTargets(PartnerApi partners, ProgramApi programs, JdbcClient jdbc, Clock clock) {
		this.clock = clock;
		this.partners = partners;
		this.programs = programs;
		this.jdbc = jdbc;
	}

	/**
	 * The approved partner with this code (pending and suspended ones are never cached).
	 */
	public Optional<PartnerSummary> approvedPartner(String code) {
		String key = "p:" + code.toLowerCase(Locale.ROOT);
		return cached(key, () -> this.partners.findByCode(code).filter(p -> p.status() == PartnerStatus.APPROVED));
	}

	public Optional<ProgramSummary> program(long id) {
		return cached("g:" + id, () -> this.programs.findProgram(id));
	}

	public Optional<ToolTarget> tool(long id) {
		return cached("t:" + id,
				() -> this.jdbc.sql("select id, program_id, landing_url from promo_tool where id = :id")
					.param("id", id)
					.query((rs, n) -> new ToolTarget(rs.getLong(1), rs.getLong(2), rs.getString(3)))
					.optional());
	}

	void forgetTool(long id) {
		this.cache.remove("t:" + id);
	}

	@SuppressWarnings("unchecked")
	private <T> Optional<T> cached(String key, Supplier<Optional<T>> loader) {
		long now = this.clock.millis();
		Entry entry = this.cache.get(key);
		if (entry != null && entry.expiresAt() > now) {
			return (Optional<T>) entry.value();
		}
		Optional<T> value = loader.get();
		if (value.isEmpty()) {
			this.cache.remove(key);
			return value;
		}
		if (this.cache.size() >= MAX_ENTRIES) {
			this.cache.clear();
		}
		this.cache.put(key, new Entry(value, now + TTL_MILLIS));
		return value;
	}

}
