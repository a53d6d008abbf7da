package dev.partnerhub;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole application on a real PostgreSQL, with MockMvc. Every integration test uses
 * exactly this setup, so Spring's context cache starts the database once per test run.
 * The application's clock is a {@link MutableClock}: a test that needs time to pass
 * autowires it and calls {@code advance} (reset after each test).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest
@AutoConfigureMockMvc
@Import({ TestDatabaseConfiguration.class, MutableClock.Configuration.class })
@ExtendWith(MutableClock.ResetAfterEach.class)
@TestPropertySource(properties = { "partnerhub.database.embedded.data-dir=", "partnerhub.demo.enabled=false",
		"partnerhub.bootstrap.admin-email=admin@test.local", "partnerhub.bootstrap.admin-password=admin-password-1",
		"partnerhub.bootstrap.api-key=" + IntegrationTest.API_KEY,
		// E-mail goes to GreenMail on SMTP_PORT in the mail tests (nothing listens there
		// otherwise: delivery fails fast).
		// The schedulers are off: tests call MailDelivery.deliverDue(now) and
		// SequenceRunner.runDue(now) themselves.
		"spring.mail.host=127.0.0.1", "spring.mail.port=${partnerhub.test.smtp-port:3465}",
		"spring.mail.properties.mail.smtp.connectiontimeout=2000", "spring.mail.properties.mail.smtp.timeout=2000",
		"partnerhub.mail.delivery.enabled=false", "partnerhub.automation.sequences.enabled=false",
		// CommissionTotalsTests folds the commission totals itself (the views are exact
		// unfolded too)
		"partnerhub.jobs.commission-totals.initial-delay=PT24H",
		// one deliverDue sends everything due: the shared outbox collects every test's
		// notices, and a test's own e-mail came after 500 others' (flaky "0 e-mails")
		"partnerhub.mail.delivery.max-per-run=1000000",
		// Outgoing webhooks post to a receiver on 127.0.0.1 over http; tests call
		// WebhookSender.deliverDue(now) themselves.
		"partnerhub.webhooks.allow-http=true", "partnerhub.webhooks.allow-private-networks=true",
		"partnerhub.webhooks.delivery.enabled=false",
		// The paying account of SEPA files (PayoutMethodBatchTests; without it the file
		// is refused: SepaCreditTransferTests).
		"partnerhub.payouts.sepa.debtor-name=Partnerhub Test GmbH",
		"partnerhub.payouts.sepa.debtor-iban=DE02120300000000202051", "partnerhub.payouts.sepa.debtor-bic=BYLADEM1001",
		// MockMvc tests keep the container's in-memory session (MockHttpSession works as
		// before); Spring Session
		// JDBC is exercised by the browser tests and the two-instance test
		// (ops.ScaleOutTests) on real ports.
		"spring.autoconfigure.exclude=org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionAutoConfiguration" })
public @interface IntegrationTest {

	String API_KEY = "ph_test_key_0123456789abcdef";

	String BEARER = "Bearer " + API_KEY;

	/**
	 * Reserved per build by build-helper-maven-plugin (pom.xml); 3465 when a test runs
	 * outside Maven.
	 */
	int SMTP_PORT = Integer.getInteger("partnerhub.test.smtp-port", 3465);

}
