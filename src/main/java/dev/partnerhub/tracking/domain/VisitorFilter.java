package dev.partnerhub.tracking.domain;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/**
 * Decides whether a click counts: bots (by user agent) and repeat clicks of one visitor
 * (same IP and user agent) for one partner within an hour are duplicates. The repeat
 * check is in memory, per instance, so it never costs a database query: behind a load
 * balancer without sticky sessions a repeat click that lands on another instance counts
 * once per instance; a restart forgets the last hour. The map is bounded (expired entries
 * are purged and, if the map still grows past {@link #MAX_VISITORS}, it is cleared rather
 * than exhausting memory).
 */
@Component
public class VisitorFilter {

	static final Duration REPEAT_WINDOW = Duration.ofHours(1);

	static final int MAX_VISITORS = 500_000;

	/**
	 * Lower-case fragments of user agents that are not people: crawlers and link
	 * previewers, HTTP libraries and command-line tools. An empty user agent is a bot
	 * too.
	 */
	static final List<String> BOT_MARKERS = List.of("bot", "crawl", "spider", "slurp", "curl", "wget", "httpclient",
			"python-requests", "python-urllib", "libwww", "okhttp", "go-http-client", "java/", "facebookexternalhit",
			"embedly", "preview", "scrapy", "phantomjs", "headless-shell", "lighthouse", "pingdom", "uptime",
			"monitor");

	private final Map<Long, Long> firstSeen = new ConcurrentHashMap<>();

	private final AtomicLong lastPurge = new AtomicLong();

	public static boolean isBot(String userAgent) {
		if (userAgent == null || userAgent.isBlank()) {
			return true;
		}
		String agent = userAgent.toLowerCase(Locale.ROOT);
		for (String marker : BOT_MARKERS) {
			if (agent.contains(marker)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * True when the same visitor clicked a link of this partner less than an hour ago
	 * (the first click counts).
	 */
	public boolean isRepeat(long partnerId, String ip, String userAgent, long nowMillis) {
		long visitor = fingerprint(partnerId, ip, userAgent);
		long window = REPEAT_WINDOW.toMillis();
		boolean[] repeat = new boolean[1];
		this.firstSeen.compute(visitor, (key, seen) -> {
			if (seen != null && nowMillis - seen < window) {
				repeat[0] = true;
				return seen;
			}
			return nowMillis;
		});
		purgeNowAndThen(nowMillis);
		return repeat[0];
	}

	private void purgeNowAndThen(long nowMillis) {
		long last = this.lastPurge.get();
		boolean due = nowMillis - last > 60_000 || this.firstSeen.size() > MAX_VISITORS;
		if (due && this.lastPurge.compareAndSet(last, nowMillis)) {
			long window = REPEAT_WINDOW.toMillis();
			this.firstSeen.values().removeIf(seen -> nowMillis - seen >= window);
			if (this.firstSeen.size() > MAX_VISITORS) {
				this.firstSeen.clear();
			}
		}
	}

	/**
	 * 64-bit FNV-1a of partner, IP and user agent: collisions are negligible and nothing
	 * personal is kept.
	 */
	static long fingerprint(long partnerId, String ip, String userAgent) {
		long hash = 0xcbf29ce484222325L;
		String key = partnerId + "\n" + (ip == null ? "" : ip) + "\n" + (userAgent == null ? "" : userAgent);
		for (int i = 0; i < key.length(); i++) {
			hash ^= key.charAt(i);
			hash *= 0x100000001b3L;
		}
		return hash;
	}

}
