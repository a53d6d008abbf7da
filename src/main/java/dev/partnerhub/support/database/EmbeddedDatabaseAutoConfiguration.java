package dev.partnerhub.support.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Profile;

/**
 * Starts PostgreSQL in-process so that {@code ./mvnw spring-boot:run} needs nothing
 * installed. Backs off when an external database is configured
 * ({@code spring.datasource.url}, the {@code postgres} profile) or when a Testcontainers
 * service connection supplies one.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@Profile("!postgres")
@Conditional(NoExternalDatabaseCondition.class)
@ConditionalOnMissingBean(JdbcConnectionDetails.class)
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
public class EmbeddedDatabaseAutoConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseAutoConfiguration.class);

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties) throws IOException {
		boolean temporary = properties.temporary();
		Path dataDir = temporary ? Files.createTempDirectory("partnerhub-pg")
				: Path.of(properties.dataDir()).toAbsolutePath().normalize();
		Files.createDirectories(dataDir);
		if (!temporary) {
			stopOrphanedServer(dataDir);
		}
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setDataDirectory(dataDir)
			.setCleanDataDirectory(temporary)
			.setServerConfig("max_connections", "200")
			// A fresh install's tables are analyzed within seconds of the first load,
			// not after the default minute (the hot tables' thresholds are in V32).
			.setServerConfig("autovacuum_naptime", "10s")
			// Stopped by this bean's close(), after the DataSource and everything using
			// it (the context closes dependents first). zonky's own JVM shutdown hook ran
			// beside Spring's and stopped PostgreSQL while beans still wrote to it: a
			// Ctrl-C took over 5 s of failed connections, and spring-boot:run then killed
			// the app ("exit code 143", BUILD FAILURE).
			.setRegisterShutdownHook(false);
		if (!temporary) {
			// zonky starts PostgreSQL with -F (fsync off) and synchronous_commit=off,
			// which suits throw-away test
			// databases; a persistent data directory holds real orders, so a 201 must
			// mean "on disk". The later -c
			// options win over -F.
			builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
		}
		if (properties.port() > 0) {
			builder.setPort(properties.port());
		}
		EmbeddedPostgres postgres = builder.start();
		createDatabaseIfMissing(postgres, properties.database());
		log.info("Embedded PostgreSQL started on port {} with {} data in {}", postgres.getPort(),
				temporary ? "temporary" : "persistent", dataDir);
		return postgres;
	}

	@Bean
	JdbcConnectionDetails embeddedConnectionDetails(EmbeddedPostgres postgres, EmbeddedDatabaseProperties properties) {
		String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + properties.database();
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

	/**
	 * After a {@code kill -9} of the app the embedded server outlives it (it is a child
	 * process the dead JVM could not stop) and holds the data directory: stop it so this
	 * start can take over. SIGTERM is PostgreSQL's "smart" shutdown — its clients died
	 * with the old JVM, so it stops at once and cleanly. Only a live process whose
	 * command is {@code postgres} is touched (a recycled pid is left alone).
	 */
	static void stopOrphanedServer(Path dataDir) {
		Path pidFile = dataDir.resolve("postmaster.pid");
		if (!Files.isRegularFile(pidFile)) {
			return;
		}
		try {
			long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
			ProcessHandle.of(pid)
				.filter(ProcessHandle::isAlive)
				.filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false))
				.ifPresent(orphan -> {
					log.warn("Embedded PostgreSQL (pid {}) left running by a previous run; stopping it", pid);
					orphan.destroy();
					try {
						orphan.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
					}
					catch (Exception ex) {
						throw new IllegalStateException("Could not stop the embedded PostgreSQL left running as pid "
								+ pid + "; stop it and start again", ex);
					}
				});
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof IllegalStateException) {
				throw (IllegalStateException) ex;
			}
			log.debug("Could not read {}: {}", pidFile, ex.getMessage());
		}
	}

	private static void createDatabaseIfMissing(EmbeddedPostgres postgres, String database) {
		if (!database.matches("[a-z_][a-z0-9_]*")) {
			throw new IllegalArgumentException("Embedded database name must be a plain identifier: " + database);
		}
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
			exists.setString(1, database);
			try (var rs = exists.executeQuery()) {
				if (!rs.next()) {
					try (var create = connection.createStatement()) {
						create.execute("create database " + database);
					}
				}
			}
		}
		catch (SQLException ex) {
			throw new UncheckedIOException(new IOException("Could not prepare embedded database " + database, ex));
		}
	}

}
