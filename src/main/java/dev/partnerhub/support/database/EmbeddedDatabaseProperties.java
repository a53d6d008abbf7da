package dev.partnerhub.support.database;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the in-process PostgreSQL keeps its files. A blank data directory means a
 * throw-away database in a temporary directory (what the tests use); the default keeps
 * data in {@code ./data/postgres} across restarts.
 */
@ConfigurationProperties("partnerhub.database.embedded")
public record EmbeddedDatabaseProperties(String dataDir, Integer port, String database) {

	public EmbeddedDatabaseProperties {
		if (dataDir == null) {
			dataDir = "./data/postgres";
		}
		if (port == null) {
			port = 0;
		}
		if (database == null || database.isBlank()) {
			database = "partnerhub";
		}
	}

	boolean temporary() {
		return dataDir.isBlank();
	}

}
