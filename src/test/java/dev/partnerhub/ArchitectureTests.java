package dev.partnerhub;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

class ArchitectureTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.partnerhub");

	@Test
	void domainDoesNotDependOnWeb() {
		noClasses().that()
			.resideInAPackage("..domain..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("..web..")
			.because("the web layer is an adapter on top of the domain, never the other way round")
			.check(this.classes);
	}

	@Test
	void domainDoesNotUseServletApi() {
		noClasses().that()
			.resideInAPackage("..domain..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("jakarta.servlet..", "org.springframework.web..", "org.springframework.ui..")
			.check(this.classes);
	}

	@Test
	void controllersLiveInWebPackages() {
		noClasses().that()
			.areAnnotatedWith(org.springframework.stereotype.Controller.class)
			.or()
			.areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
			.should()
			.resideInAPackage("..domain..")
			.check(this.classes);
	}

	/**
	 * "Repository" means a Spring Data repository of an aggregate; hand-written SQL lives
	 * in {@code *Queries} classes or a named hot-path store (docs/architecture.md,
	 * "Persistence"). JPA is gone: no second persistence style.
	 */
	@Test
	void repositoriesAreSpringDataRepositoriesAndThereIsNoJpa() {
		classes().that()
			.haveSimpleNameEndingWith("Repository")
			.should()
			.beInterfaces()
			.andShould()
			.beAssignableTo(org.springframework.data.repository.Repository.class)
			.check(this.classes);
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("jakarta.persistence..", "org.hibernate..", "org.springframework.orm.jpa..")
			.check(this.classes);
	}

	/**
	 * Between modules, after-commit work goes through the event publication registry
	 * ({@code @ApplicationModuleListener}, which is meta-annotated, so it passes). A
	 * plain {@code @TransactionalEventListener} method would be in memory only, and
	 * Spring Modulith would still wrap it with two registry round trips per event in the
	 * committing thread.
	 */
	@Test
	void afterCommitListenersAreApplicationModuleListeners() {
		noMethods().should()
			.beAnnotatedWith(org.springframework.transaction.event.TransactionalEventListener.class)
			.because(
					"after-commit listeners are @ApplicationModuleListener (registry-backed) or an @EventListener that "
							+ "registers its own after-commit callback (docs/architecture.md, \"Events\")")
			.check(this.classes);
	}

	/**
	 * The time comes from the one {@code Clock} bean ({@code support.Clocks}), so tests
	 * can move it; the database's {@code now()} is fine where the database decides.
	 */
	@Test
	void timeComesFromTheClockBean() {
		noClasses().that()
			.doNotHaveFullyQualifiedName("dev.partnerhub.support.Clocks")
			// validation only: it compiles the filter to see that it is valid, the date
			// is not used
			.and()
			.doNotHaveSimpleName("FilterCompiler")
			// its wall-clock read only spaces out a log warning (not business time)
			.and()
			.doNotHaveSimpleName("ClickRecorder")
			.should()
			.callMethod(java.time.Instant.class, "now")
			.orShould()
			.callMethod(java.time.LocalDate.class, "now")
			.orShould()
			.callMethod(java.time.LocalDateTime.class, "now")
			.orShould()
			.callMethod(java.time.OffsetDateTime.class, "now")
			.orShould()
			.callMethod(java.time.ZonedDateTime.class, "now")
			.orShould()
			.callMethod(java.time.LocalDate.class, "now", java.time.ZoneId.class)
			.orShould()
			.callMethod(java.lang.System.class, "currentTimeMillis")
			.orShould()
			.callMethod(java.time.Clock.class, "systemUTC")
			.orShould()
			.callMethod(java.time.Clock.class, "systemDefaultZone")
			.because("classes take the Clock bean in their constructor (docs/architecture.md, \"Conventions\")")
			.check(this.classes);
	}

}
