package dev.partnerhub;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.context.annotation.Import;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.test.context.TestPropertySource;

/**
 * A test of one module: Spring Modulith starts only the test's module and the modules it
 * depends on directly (for the slices here: {@code support}), on the one PostgreSQL of
 * {@link ModuleTestDatabase}, with the {@link MutableClock} and the settings of
 * {@link IntegrationTest}. One context per module, cached for the run.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
@Import({ ModuleTestDatabase.class, MutableClock.Configuration.class })
@ExtendWith(MutableClock.ResetAfterEach.class)
@TestPropertySource(properties = { "partnerhub.demo.enabled=false", "partnerhub.mail.delivery.enabled=false",
		"partnerhub.automation.sequences.enabled=false", "spring.mail.host=127.0.0.1",
		"spring.mail.port=${partnerhub.test.smtp-port:3465}", "spring.mail.properties.mail.smtp.connectiontimeout=2000",
		"spring.mail.properties.mail.smtp.timeout=2000",
		"spring.autoconfigure.exclude=org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionAutoConfiguration" })
public @interface ModuleTest {

}
