package dev.partnerhub;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Real PostgreSQL for tests: a Testcontainers PostgreSQL 18 when a Docker engine answers,
 * otherwise the app's own embedded PostgreSQL in a throw-away directory (the embedded
 * auto-configuration backs off when this container's service connection exists).
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestDatabaseConfiguration {

	@Bean
	@ServiceConnection
	@Conditional(DockerAvailable.class)
	PostgreSQLContainer postgresContainer() {
		return new PostgreSQLContainer("postgres:18");
	}

	static class DockerAvailable implements Condition {

		private static Boolean available;

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			if (available == null) {
				// Ask Testcontainers only when there is a Docker endpoint at all: it logs
				// a loud error otherwise.
				boolean endpoint = System.getenv("DOCKER_HOST") != null
						|| java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"));
				try {
					available = endpoint && DockerClientFactory.instance().isDockerAvailable();
				}
				catch (Throwable ex) {
					available = false;
				}
			}
			return available;
		}

	}

}
