package dev.partnerhub.tracking.domain;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Is {@code t.js} installed? Derived from the visit beacons already stored (no write of
 * its own on the hot path): per sales-site origin of the last {@link #WINDOW}, when it
 * last reported a visit, how many visits, how many referred visitors, and how many of
 * them reached a form — their click token came back as the referral of an order or a
 * sign-up (the contact's last referral, read through {@code contact_directory}, found by
 * the indexed referrer).
 */
@Component
public class InstallCheck {

	static final Duration WINDOW = Duration.ofDays(30);

	private final JdbcClient jdbc;

	private final Clock clock;

	InstallCheck(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** One sales site as the beacons see it. */
	public record Site(String origin, String host, Instant lastSeen, long visits, long referred, long reachedForms,
			String lastSeenAgo) {
	}

	@Transactional(readOnly = true)
	public List<Site> sites() {
		Instant now = this.clock.instant();
		return this.jdbc.sql("""
				with recent as (
				    select lower(substring(page_url from '^(https?://[^/?#]+)')) origin, token, partner_id,
				           max(visited_at) last_seen, count(*) visits
				    from visit where visited_at >= :since
				    group by 1, 2, 3
				)
				select r.origin, max(r.last_seen) last_seen, sum(r.visits) visits, count(*) referred,
				       count(*) filter (where exists (select 1 from contact_directory c
				                                      where c.last_referrer_id = r.partner_id
				                                        and c.last_referral = r.token)) reached
				from recent r where r.origin is not null
				group by r.origin order by last_seen desc limit 50
				""").param("since", Timestamp.from(now.minus(WINDOW))).query((rs, n) -> {
			String origin = rs.getString("origin");
			Instant lastSeen = rs.getTimestamp("last_seen").toInstant();
			return new Site(origin, origin.replaceFirst("^https?://", ""), lastSeen, rs.getLong("visits"),
					rs.getLong("referred"), rs.getLong("reached"), ago(Duration.between(lastSeen, now)));
		}).list();
	}

	public static String ago(Duration age) {
		long seconds = Math.max(0, age.toSeconds());
		if (seconds < 60) {
			return "just now";
		}
		if (seconds < 3600) {
			return plural(seconds / 60, "minute") + " ago";
		}
		if (seconds < 86400) {
			return plural(seconds / 3600, "hour") + " ago";
		}
		return plural(seconds / 86400, "day") + " ago";
	}

	private static String plural(long n, String unit) {
		return n + " " + unit + (n == 1 ? "" : "s");
	}

}
