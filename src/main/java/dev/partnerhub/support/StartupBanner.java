package dev.partnerhub.support;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
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

	private final BaseUrl baseUrl;

	StartupBanner(BaseUrl baseUrl) {
		this.baseUrl = baseUrl;
	}

	/**
	 * Where to open the app: the public address when one is set, else this machine on the
	 * port the server really listens on ({@code --server.port=9090} prints 9090, not the
	 * default 8080 that links in e-mails use).
	 */
	String address(int port) {
		return this.baseUrl.isSet() || port <= 0 ? this.baseUrl.value() : "http://localhost:" + port;
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

	// before BaseUrlCheck's warning, which should come last
	@EventListener(ApplicationReadyEvent.class)
	@Order(Ordered.LOWEST_PRECEDENCE - 1)
	synchronized void print(ApplicationReadyEvent event) {
		int port = (event.getApplicationContext() instanceof WebServerApplicationContext web
				&& web.getWebServer() != null) ? web.getWebServer().getPort() : -1;
		StringBuilder banner = new StringBuilder("\n")
			.append("============================================================================\n")
			.append("  Partnerhub is running: ")
			.append(address(port))
			.append("/login\n");
		this.lines.forEach(line -> banner.append("  ").append(line).append('\n'));
		banner.append("============================================================================");
		log.info(banner.toString());
	}

}
