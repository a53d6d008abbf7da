package dev.partnerhub.support;

import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Warns loudly at start-up when the public address is missing or local outside the demo:
 * without {@code partnerhub.base-url} every link in an e-mail (invitations, password
 * resets, tracked links) says {@code localhost:8080}. The demo (demo data on the embedded
 * database) runs on this machine, so it stays quiet there. Logged after the start-up
 * banner, so it is the last thing an operator sees.
 */
@Component
class BaseUrlCheck {

	private static final Logger log = LoggerFactory.getLogger(BaseUrlCheck.class);

	private static final String RULE = "!".repeat(76);

	private final BaseUrl baseUrl;

	private final boolean demoEnabled;

	private final ObjectProvider<EmbeddedPostgres> embedded;

	@Autowired
	BaseUrlCheck(BaseUrl baseUrl, PartnerhubProperties properties, ObjectProvider<EmbeddedPostgres> embedded) {
		this(baseUrl, properties.demo().enabled(), embedded);
	}

	BaseUrlCheck(BaseUrl baseUrl, boolean demoEnabled, ObjectProvider<EmbeddedPostgres> embedded) {
		this.baseUrl = baseUrl;
		this.demoEnabled = demoEnabled;
		this.embedded = embedded;
	}

	@EventListener(ApplicationReadyEvent.class)
	@Order(Ordered.LOWEST_PRECEDENCE)
	void check() {
		boolean demo = this.demoEnabled && this.embedded.getIfAvailable() != null;
		warning(this.baseUrl, demo).ifPresent(log::warn);
	}

	/**
	 * The multi-line warning for this address, or empty (a public address, or the demo on
	 * this machine).
	 */
	static Optional<String> warning(BaseUrl baseUrl, boolean demo) {
		if (demo) {
			return Optional.empty();
		}
		return baseUrl.problem()
			.map(problem -> "\n" + RULE + "\n" + "  PUBLIC ADDRESS NOT SET: partners will get links they cannot open.\n"
					+ "  " + problem + "\n"
					+ "  Every link in an e-mail (invitations, password resets, sign-up verification, tracked links)\n"
					+ "  and every printed link starts with it. Set the address partners reach this app at, e.g.\n"
					+ "    PARTNERHUB_BASE_URL=https://partners.example.com   (or --partnerhub.base-url=...)\n"
					+ "  and restart. The console shows the address in use under Settings.\n" + RULE);
	}

}
