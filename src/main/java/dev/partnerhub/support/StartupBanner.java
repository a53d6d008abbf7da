package dev.partnerhub.support;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Collects what a newcomer needs to log in (admin and demo partner credentials) and
 * prints it once the app is ready, so it is the last thing in the console and not lost
 * among start-up logs.
 */
@Component
public class StartupBanner {

	private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

	private final List<String> lines = new ArrayList<>();

	private final String baseUrl;

	StartupBanner(BaseUrl baseUrl) {
		this.baseUrl = baseUrl.value();
	}

	public synchronized void add(String line) {
		this.lines.add(line);
	}

	/**
	 * The lines printed at start-up (for the browser test that logs in as the printed
	 * admin).
	 */
	public synchronized List<String> lines() {
		return List.copyOf(this.lines);
	}

	@EventListener(ApplicationReadyEvent.class)
	@Order(Ordered.LOWEST_PRECEDENCE - 1) // before BaseUrlCheck's warning, which should
											// come last
	synchronized void print() {
		StringBuilder banner = new StringBuilder("\n")
			.append("============================================================================\n")
			.append("  Partnerhub is running: ")
			.append(this.baseUrl)
			.append("/login\n");
		this.lines.forEach(line -> banner.append("  ").append(line).append('\n'));
		banner.append("============================================================================");
		log.info(banner.toString());
	}

}
