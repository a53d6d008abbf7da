package dev.partnerhub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

class ModularityTests {

	/**
	 * The committed module diagram and canvases (referenced from docs/architecture.md).
	 */
	private static final Path COMMITTED = Path.of("docs/modules");

	private static final Path GENERATED = Path.of("target/module-docs");

	private final ApplicationModules modules = ApplicationModules.of(PartnerhubApplication.class);

	@Test
	void modulesRespectTheirBoundaries() {
		this.modules.verify();
	}

	/**
	 * Regenerates the C4 component diagram of all modules, one diagram per module and the
	 * module canvases, and compares them with docs/modules: a new dependency between
	 * modules is committed with its diagram. To update the committed files, run this test
	 * with {@code -DupdateModuleDocs=true}.
	 */
	@Test
	void committedModuleDiagramsAreCurrent() throws IOException {
		// The canvases leave out Javadoc: Modulith 2.1.1 reads the annotation processor's
		// javadoc.json with Boot's
		// BasicJsonParser, which fails on ours, and without it a Javadoc edit does not
		// change a committed file.
		Path javadoc = Path.of("target/generated-spring-modulith/javadoc.json");
		Path aside = Path.of("target/generated-spring-modulith/javadoc.json.aside");
		boolean moved = Files.exists(javadoc);
		if (moved) {
			Files.move(javadoc, aside, StandardCopyOption.REPLACE_EXISTING);
		}
		try {
			new Documenter(this.modules, Documenter.Options.defaults().withOutputFolder(GENERATED.toString()))
				.writeModulesAsPlantUml()
				.writeIndividualModulesAsPlantUml()
				.writeModuleCanvases();
		}
		finally {
			if (moved) {
				Files.move(aside, javadoc, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		for (String name : names(GENERATED)) {
			Path file = GENERATED.resolve(name);
			Files.writeString(file, sortLists(Files.readString(file)));
		}
		if (Boolean.getBoolean("updateModuleDocs")) {
			copy(GENERATED, COMMITTED);
		}
		Set<String> generated = names(GENERATED);
		assertThat(generated).as("generated module docs")
			.contains("components.puml", "module-demo.puml", "module-demo.adoc");
		assertThat(names(COMMITTED)).as("files in " + COMMITTED + " (run with -DupdateModuleDocs=true)")
			.isEqualTo(generated);
		List<String> stale = new ArrayList<>();
		for (String name : generated) {
			if (!Files.readString(GENERATED.resolve(name)).equals(Files.readString(COMMITTED.resolve(name)))) {
				stale.add(name);
			}
		}
		assertThat(stale).as("module docs that differ from " + GENERATED + " (run with -DupdateModuleDocs=true)")
			.isEmpty();
	}

	/**
	 * Sorts each run of list lines — PlantUML {@code Component(}/{@code Rel(}
	 * declarations, AsciiDoc {@code * } items (the first may follow a table cell's
	 * {@code |}) — so the files do not depend on the order in which classes were scanned.
	 * Neither format gives the order of such lines a meaning.
	 */
	static String sortLists(String text) {
		List<String> out = new ArrayList<>();
		List<String> run = new ArrayList<>();
		String runKind = null;
		boolean cellStart = false;
		for (String line : text.split("\n", -1)) {
			String kind = listKind(line);
			if (kind == null || !kind.equals(runKind) || (line.startsWith("|* ") && !run.isEmpty())) {
				flush(out, run, cellStart);
				runKind = kind;
				cellStart = false;
			}
			if (kind == null) {
				out.add(line);
				continue;
			}
			if (line.startsWith("|* ")) {
				cellStart = true;
				line = line.substring(1);
			}
			run.add(line);
		}
		flush(out, run, cellStart);
		return String.join("\n", out);
	}

	private static String listKind(String line) {
		String trimmed = line.stripLeading();
		if (trimmed.startsWith("Component(") || trimmed.startsWith("Rel(")) {
			return line.substring(0, line.length() - trimmed.length()) + trimmed.substring(0, trimmed.indexOf('('));
		}
		return line.startsWith("* ") || line.startsWith("|* ") ? "*" : null;
	}

	private static void flush(List<String> out, List<String> run, boolean cellStart) {
		if (run.isEmpty()) {
			return;
		}
		run.sort(null);
		if (cellStart) {
			run.set(0, "|" + run.get(0));
		}
		out.addAll(run);
		run.clear();
	}

	private static Set<String> names(Path folder) throws IOException {
		if (!Files.isDirectory(folder)) {
			return Set.of();
		}
		try (Stream<Path> files = Files.list(folder)) {
			return files.map(file -> file.getFileName().toString()).collect(TreeSet::new, Set::add, Set::addAll);
		}
	}

	private static void copy(Path from, Path to) throws IOException {
		Files.createDirectories(to);
		for (String stale : names(to)) {
			Files.delete(to.resolve(stale));
		}
		for (String name : names(from)) {
			Files.copy(from.resolve(name), to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
		}
	}

}
