package dev.partnerhub;

import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every package of the application is {@link NullMarked} in its
 * {@code package-info.java}: a type without {@code @Nullable} is not null, so a value
 * that may be null has to say so (docs/architecture.md, "Conventions: Nulls").
 */
class NullMarkedTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.partnerhub");

	@Test
	void everyPackageIsNullMarked() throws Exception {
		Set<String> packages = new TreeSet<>();
		for (JavaClass type : this.classes) {
			packages.add(type.getPackageName());
		}
		assertThat(packages).hasSizeGreaterThan(40);
		Set<String> unmarked = new TreeSet<>();
		for (String name : packages) {
			if (!nullMarked(name)) {
				unmarked.add(name);
			}
		}
		assertThat(unmarked).as("packages without @NullMarked in package-info.java").isEmpty();
	}

	private static boolean nullMarked(String packageName) {
		try {
			Class<?> info = Class.forName(packageName + ".package-info");
			return info.isAnnotationPresent(NullMarked.class);
		}
		catch (ClassNotFoundException ex) {
			return false;
		}
	}

}
