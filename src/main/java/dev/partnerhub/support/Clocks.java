package dev.partnerhub.support;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock of the application: every class that needs the current time takes this
 * {@link Clock} in its constructor instead of calling {@code Instant.now()}, so tests can
 * move time (the shared test configuration puts a movable clock in its place). Spring
 * Modulith's event publication registry picks it up too. UTC: dates shown to people are
 * formatted in their zone at the edge, business dates are UTC days.
 */
@Configuration(proxyBeanMethods = false)
public class Clocks {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
