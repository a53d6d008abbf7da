package dev.partnerhub.support;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code partnerhub.logging.json=true} (or {@code PARTNERHUB_LOGGING_JSON=true}) switches
 * the console to JSON lines (Elastic Common Schema), like the {@code json-logs} profile;
 * an explicit {@code logging.structured.format.console} wins. Runs after the
 * configuration files are read and before the logging system starts.
 */
public class JsonLogsSwitch implements EnvironmentPostProcessor, Ordered {

	static final String SWITCH = "partnerhub.logging.json";

	static final String FORMAT = "logging.structured.format.console";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getProperty(SWITCH, Boolean.class, false) && !environment.containsProperty(FORMAT)) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("partnerhubJsonLogs", Map.of(FORMAT, "ecs")));
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
