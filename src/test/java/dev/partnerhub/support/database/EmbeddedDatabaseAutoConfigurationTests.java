package dev.partnerhub.support.database;

import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedDatabaseAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EmbeddedDatabaseAutoConfiguration.class));

	@Test
	void backsOffWhenAnExternalUrlIsConfigured() {
		this.runner.withPropertyValues("spring.datasource.url=jdbc:postgresql://db.example:5432/partnerhub")
			.run(context -> assertThat(context).doesNotHaveBean(EmbeddedPostgres.class));
	}

	@Test
	void backsOffForThePostgresProfile() {
		this.runner.withPropertyValues("spring.profiles.active=postgres")
			.run(context -> assertThat(context).doesNotHaveBean(EmbeddedPostgres.class));
	}

	@Test
	void keepsDataAcrossRestarts(@TempDir Path dir) {
		String dataDir = "partnerhub.database.embedded.data-dir=" + dir.resolve("pg");
		this.runner.withPropertyValues(dataDir).run(context -> {
			assertThat(context).hasSingleBean(EmbeddedPostgres.class);
			JdbcClient jdbc = jdbc(context.getBean(JdbcConnectionDetails.class));
			jdbc.sql("create table kept (value text)").update();
			jdbc.sql("insert into kept values ('still here')").update();
			// A persistent database is durable: an acknowledged commit is on disk.
			assertThat(jdbc.sql("show fsync").query(String.class).single()).isEqualTo("on");
			assertThat(jdbc.sql("show synchronous_commit").query(String.class).single()).isEqualTo("on");
		});
		this.runner.withPropertyValues(dataDir).run(context -> {
			JdbcClient jdbc = jdbc(context.getBean(JdbcConnectionDetails.class));
			assertThat(jdbc.sql("select value from kept").query(String.class).single()).isEqualTo("still here");
		});
		assertThat(dir.resolve("pg").resolve("PG_VERSION")).exists();
	}

	@Test
	void aTemporaryDatabaseTradesDurabilityForSpeed() {
		this.runner.withPropertyValues("partnerhub.database.embedded.data-dir=").run(context -> {
			JdbcClient jdbc = jdbc(context.getBean(JdbcConnectionDetails.class));
			assertThat(jdbc.sql("show fsync").query(String.class).single()).isEqualTo("off");
		});
	}

	private static JdbcClient jdbc(JdbcConnectionDetails details) {
		return JdbcClient
			.create(new DriverManagerDataSource(details.getJdbcUrl(), details.getUsername(), details.getPassword()));
	}

}
