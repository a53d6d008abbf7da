package dev.partnerhub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * One embedded PostgreSQL for every {@link ModuleTest} slice of a test run: the first
 * slice's Flyway migrates it, the later ones find nothing to do. Each slice is its own
 * Spring context (cached per module), and without this holder each would start its own
 * PostgreSQL and migrate it from V1. The connection details make the application's
 * embedded database auto-configuration back off.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ModuleTestDatabase {

	private static EmbeddedPostgres postgres;

	static synchronized EmbeddedPostgres postgres() {
		if (postgres == null) {
			try {
				postgres = EmbeddedPostgres.builder()
					.setDataDirectory(Files.createTempDirectory("partnerhub-slices"))
					.setCleanDataDirectory(true)
					.setServerConfig("max_connections", "200")
					.start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			EmbeddedPostgres started = postgres;
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					started.close();
				}
				catch (IOException ex) {
					// the JVM ends anyway; the temporary directory goes with it
				}
			}));
		}
		return postgres;
	}

	@Bean
	JdbcConnectionDetails moduleTestDatabase() {
		String url = "jdbc:postgresql://localhost:" + postgres().getPort() + "/postgres";
		return new JdbcConnectionDetails() {
			@Override
			public String getUsername() {
				return "postgres";
			}

			@Override
			public String getPassword() {
				return "postgres";
			}

			@Override
			public String getJdbcUrl() {
				return url;
			}
		};
	}

}
