package dev.partnerhub.support;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLogsSwitchTests {

	@Test
	void theSwitchTurnsOnEcsUnlessAFormatIsChosen() {
		assertThat(format(Map.of(JsonLogsSwitch.SWITCH, "true"))).isEqualTo("ecs");
		assertThat(format(Map.of(JsonLogsSwitch.SWITCH, "true", JsonLogsSwitch.FORMAT, "logstash")))
			.isEqualTo("logstash");
		assertThat(format(Map.of(JsonLogsSwitch.SWITCH, "false"))).isNull();
		assertThat(format(Map.of())).isNull();
	}

	@Test
	void itIsRegisteredForSpringBoot() throws Exception {
		String factories = new String(getClass().getResourceAsStream("/META-INF/spring.factories").readAllBytes());
		assertThat(factories)
			.contains("org.springframework.boot.EnvironmentPostProcessor=" + JsonLogsSwitch.class.getName());
	}

	private static String format(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		new JsonLogsSwitch().postProcessEnvironment(environment, null);
		return environment.getProperty(JsonLogsSwitch.FORMAT);
	}

}
