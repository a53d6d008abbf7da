package dev.partnerhub.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compose files publish only what a user needs and carry no usable secrets (issue 14,
 * item 11). There is no Docker engine on the build machine, so the files are read with a
 * YAML parser instead of being run.
 */
class ComposeFilesTests {

	@ParameterizedTest
	@ValueSource(strings = { "docker-compose.yml", "docker-compose.scale.yml" })
	@SuppressWarnings("unchecked")
	void onlyTheWebPortIsPublicTheDatabaseAtMostOnLoopbackAndNoSecretHasADefault(String file) throws IOException {
		Map<String, Object> compose = new Yaml().load(Files.readString(Path.of(file)));
		Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
		assertThat(services).containsKeys("postgres");
		services.forEach((name, service) -> {
			for (Object port : (List<Object>) service.getOrDefault("ports", List.of())) {
				String mapping = port.toString();
				if (name.equals("postgres")) {
					assertThat(mapping).as(file + ": the database on loopback only").startsWith("127.0.0.1:");
				}
				else {
					assertThat(mapping).as(file + ": " + name + " publishes the web port (8080) only")
						.matches("(127\\.0\\.0\\.1:)?8080:\\d+");
				}
			}
			Map<String, Object> environment = (Map<String, Object>) service.getOrDefault("environment", Map.of());
			environment.forEach((key, value) -> {
				if (key.contains("PASSWORD")) {
					String text = String.valueOf(value);
					assertThat(text).as(file + ": " + name + " " + key + " comes from the environment")
						.startsWith("${")
						.endsWith("}");
					assertThat(text.contains(":?") || text.endsWith(":-}"))
						.as(file + ": " + name + " " + key + " has no default but an error or empty (random): " + text)
						.isTrue();
				}
			});
		});
		// The app published straight to browsers must not take their X-Forwarded-*
		// headers for a proxy's.
		Map<String, Object> app = services.get("app");
		if (app != null && app.containsKey("ports")) {
			assertThat(((Map<String, Object>) app.get("environment"))).containsEntry("SERVER_FORWARD_HEADERS_STRATEGY",
					"none");
		}
	}

}
