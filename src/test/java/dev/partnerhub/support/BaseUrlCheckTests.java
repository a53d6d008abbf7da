package dev.partnerhub.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, item 15: without {@code partnerhub.base-url} every link in an e-mail says
 * {@code localhost:8080}; outside the demo the app now says so loudly at start-up.
 */
class BaseUrlCheckTests {

	@Test
	void outsideTheDemoAMissingOrLocalAddressIsALoudMultiLineWarning() {
		String unset = BaseUrlCheck.warning(BaseUrl.of(null), false).orElseThrow();
		assertThat(unset.lines().count()).isGreaterThanOrEqualTo(5);
		assertThat(unset).contains("partnerhub.base-url is not set")
			.contains("http://localhost:8080")
			.contains("PARTNERHUB_BASE_URL=https://partners.example.com")
			.contains("Settings");
		assertThat(BaseUrlCheck.warning(BaseUrl.of("  "), false)).isPresent();
		assertThat(BaseUrlCheck.warning(BaseUrl.of("http://localhost:8080"), false).orElseThrow())
			.contains("a local address");
		assertThat(BaseUrlCheck.warning(BaseUrl.of("http://127.0.0.1:9000/"), false)).isPresent();
		assertThat(BaseUrlCheck.warning(BaseUrl.of("partners.example.com"), false).orElseThrow())
			.contains("not an absolute http(s) address");
		assertThat(BaseUrlCheck.warning(BaseUrl.of("ftp://partners.example.com"), false)).isPresent();
	}

	@Test
	void aPublicAddressOrTheDemoIsQuiet() {
		assertThat(BaseUrlCheck.warning(BaseUrl.of("https://partners.example.com"), false)).isEmpty();
		assertThat(BaseUrlCheck.warning(BaseUrl.of("http://partners.internal.example:8080/"), false)).isEmpty();
		// the demo (demo data on the embedded database) runs on this machine: localhost
		// is right there
		assertThat(BaseUrlCheck.warning(BaseUrl.of(null), true)).isEmpty();
	}

	@Test
	void theValueLinksUseHasNoTrailingSlashAndDefaultsToLocalhost() {
		assertThat(BaseUrl.of(null).value()).isEqualTo("http://localhost:8080");
		assertThat(BaseUrl.of(null).isSet()).isFalse();
		assertThat(BaseUrl.of(" https://partners.example.com/ ").value()).isEqualTo("https://partners.example.com");
		assertThat(BaseUrl.of("https://partners.example.com").isSet()).isTrue();
	}

	@Test
	void atStartUpWithAnExternalDatabaseItLogsAtWarn() {
		Logger logger = (Logger) LoggerFactory.getLogger(BaseUrlCheck.class);
		ListAppender<ILoggingEvent> events = new ListAppender<>();
		events.start();
		logger.addAppender(events);
		try {
			var noEmbeddedDatabase = new StaticListableBeanFactory().getBeanProvider(EmbeddedPostgres.class);
			// demo enabled but an external database: not the demo
			new BaseUrlCheck(BaseUrl.of(null), true, noEmbeddedDatabase).check();
			new BaseUrlCheck(BaseUrl.of("https://partners.example.com"), false, noEmbeddedDatabase).check();
		}
		finally {
			logger.detachAppender(events);
		}
		assertThat(events.list).hasSize(1);
		assertThat(events.list.get(0).getLevel()).isEqualTo(Level.WARN);
		assertThat(events.list.get(0).getFormattedMessage()).contains("partnerhub.base-url is not set");
	}

}
