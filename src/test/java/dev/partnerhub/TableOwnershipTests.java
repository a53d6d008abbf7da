package dev.partnerhub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every table belongs to one module (the "Table ownership" map in docs/architecture.md,
 * parsed here so the doc and the check cannot drift apart); other modules reach its data
 * only through the owner's Java API or the read views the owner publishes. Plain JUnit:
 * reads the migrations and the main sources as text.
 */
class TableOwnershipTests {

	private static final Path DOC = Path.of("docs/architecture.md");

	private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

	private static final Path MODULES = Path.of("src/main/java/dev/partnerhub");

	private static final Pattern CREATE_TABLE = Pattern
		.compile("(?i)\\bcreate\\s+(?:unlogged\\s+)?table\\s+(?:if\\s+not\\s+exists\\s+)?([a-z_][a-z0-9_]*)");

	private static final Pattern CREATE_VIEW = Pattern
		.compile("(?is)\\bcreate\\s+(?:or\\s+replace\\s+)?view\\s+([a-z_][a-z0-9_]*)(.*?);");

	private static final Pattern DROP_VIEW = Pattern
		.compile("(?i)\\bdrop\\s+view\\s+(?:if\\s+exists\\s+)?([a-z_][a-z0-9_]*)");

	private static final Pattern CREATE_FUNCTION = Pattern
		.compile("(?i)create\\s+(?:or\\s+replace\\s+)?function\\s+([a-z_][a-z0-9_]*)");

	private static final Pattern DROP_FUNCTION = Pattern
		.compile("(?i)drop\\s+function\\s+(?:if\\s+exists\\s+)?([a-z_][a-z0-9_]*)");

	private static final Pattern CREATE_TRIGGER = Pattern.compile(
			"(?is)create\\s+(?:or\\s+replace\\s+)?trigger\\s+([a-z_][a-z0-9_]*)\\s.*?\\bon\\s+([a-z_][a-z0-9_]*)\\s.*?"
					+ "execute\\s+(?:function|procedure)\\s+([a-z_][a-z0-9_]*)");

	private static final Pattern DROP_TRIGGER = Pattern
		.compile("(?i)drop\\s+trigger\\s+(?:if\\s+exists\\s+)?([a-z_][a-z0-9_]*)\\s+on\\s+([a-z_][a-z0-9_]*)");

	/** The SQL positions where a table is named. */
	private static final Pattern TABLE_REFERENCE = Pattern
		.compile("(?i)(?<![\\w./:-])(?:from|join|into|update|delete\\s+from|table)\\s+([a-z_][a-z0-9_]*)\\b");

	private static final Pattern BACKTICKED = Pattern.compile("`([a-z_][a-z0-9_.]*)`");

	@Test
	void everyTableHasExactlyOneOwner() throws IOException {
		Ownership map = Ownership.read();
		Set<String> created = new LinkedHashSet<>();
		for (String sql : migrations().values()) {
			Matcher m = CREATE_TABLE.matcher(sql);
			while (m.find()) {
				created.add(m.group(1).toLowerCase(Locale.ROOT));
			}
		}
		List<String> problems = new ArrayList<>(map.duplicates);
		created.stream()
			.filter(table -> !map.tableOwner.containsKey(table))
			.forEach(table -> problems.add("table " + table + " has no owner in docs/architecture.md"));
		map.tableOwner.keySet()
			.stream()
			.filter(table -> !created.contains(table))
			.forEach(table -> problems.add("the map names table " + table + ", which no migration creates"));
		assertThat(problems).as("table ownership map").isEmpty();
	}

	@Test
	void publishedViewsReadOnlyTheirOwnersTables() throws IOException {
		Ownership map = Ownership.read();
		Map<String, String> views = new LinkedHashMap<>();
		List<String> problems = new ArrayList<>();
		for (Map.Entry<String, String> migration : migrations().entrySet()) {
			String sql = stripSqlComments(migration.getValue());
			Matcher drop = DROP_VIEW.matcher(sql);
			while (drop.find()) {
				views.remove(drop.group(1).toLowerCase(Locale.ROOT));
			}
			Matcher m = CREATE_VIEW.matcher(sql);
			while (m.find()) {
				String view = m.group(1).toLowerCase(Locale.ROOT);
				views.put(view, m.group(2));
				String owner = map.viewOwner.get(view);
				if (owner == null) {
					problems.add(migration.getKey() + ": view " + view + " is not in the map");
					continue;
				}
				Matcher ref = TABLE_REFERENCE.matcher(m.group(2));
				while (ref.find()) {
					String other = map.ownerOf(ref.group(1));
					if (other != null && !other.equals(owner)) {
						problems.add(migration.getKey() + ": view " + view + " of " + owner + " reads " + ref.group(1)
								+ " of " + other);
					}
				}
			}
		}
		map.viewOwner.keySet()
			.stream()
			.filter(view -> !views.containsKey(view))
			.forEach(view -> problems.add("the map names view " + view + ", which no migration creates"));
		assertThat(problems).as("published views").isEmpty();
	}

	/**
	 * A trigger lives on its owner's table and its function writes only the owner's
	 * tables (it may call a function another module publishes, such as
	 * {@code rollups_mark_dirty}): no module reaches into another's table by a trigger.
	 * Checked on the schema the migrations leave (later drops count).
	 */
	@Test
	void triggersTouchOnlyTheirOwnersTables() throws IOException {
		Ownership map = Ownership.read();
		Map<String, String> functions = new LinkedHashMap<>();
		Map<String, String[]> triggers = new LinkedHashMap<>();
		for (String sql : migrations().values()) {
			String text = stripSqlComments(sql);
			for (String statement : statements(text)) {
				String st = statement.strip();
				Matcher m;
				if ((m = CREATE_FUNCTION.matcher(st)).lookingAt()) {
					functions.put(m.group(1).toLowerCase(Locale.ROOT), st);
				}
				else if ((m = DROP_FUNCTION.matcher(st)).lookingAt()) {
					functions.remove(m.group(1).toLowerCase(Locale.ROOT));
				}
				else if ((m = CREATE_TRIGGER.matcher(st)).lookingAt()) {
					triggers.put(m.group(1).toLowerCase(Locale.ROOT) + " on " + m.group(2).toLowerCase(Locale.ROOT),
							new String[] { m.group(2).toLowerCase(Locale.ROOT), m.group(3).toLowerCase(Locale.ROOT) });
				}
				else if ((m = DROP_TRIGGER.matcher(st)).lookingAt()) {
					triggers.remove(m.group(1).toLowerCase(Locale.ROOT) + " on " + m.group(2).toLowerCase(Locale.ROOT));
				}
			}
		}
		Set<String> problems = new LinkedHashSet<>();
		triggers.forEach((name, trigger) -> {
			String owner = map.ownerOf(trigger[0]);
			String body = functions.getOrDefault(trigger[1], "");
			Matcher ref = TABLE_REFERENCE.matcher(body);
			while (ref.find()) {
				String other = map.tableOwner.get(ref.group(1).toLowerCase(Locale.ROOT));
				if (other != null && !other.equals(owner)) {
					problems.add("trigger " + name + " (" + owner + ") runs " + trigger[1] + ", which names "
							+ ref.group(1) + " of " + other);
				}
			}
		});
		assertThat(triggers).as("triggers found").isNotEmpty();
		assertThat(problems).as("triggers reaching into another module's tables").isEmpty();
	}

	@Test
	void modulesNameOnlyTheirOwnTablesInSql() throws IOException {
		Ownership map = Ownership.read();
		List<String> violations = new ArrayList<>();
		try (Stream<Path> files = Files.walk(MODULES)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
				Path relative = MODULES.relativize(file);
				if (relative.getNameCount() < 2) {
					continue; // the application class
				}
				String module = relative.getName(0).toString();
				String literals = String.join(";", stringLiterals(Files.readString(file)));
				Matcher m = TABLE_REFERENCE.matcher(literals);
				Set<String> seen = new LinkedHashSet<>();
				while (m.find()) {
					String table = m.group(1).toLowerCase(Locale.ROOT);
					String owner = map.tableOwner.get(table);
					if (owner != null && !owner.equals(module) && seen.add(table)) {
						violations.add(module + ": " + relative + " names table " + table + " of " + owner);
					}
				}
			}
		}
		assertThat(violations).as("SQL naming another module's table (read its view or call its API instead)")
			.isEmpty();
	}

	@Test
	void theScannerFindsTablesInLiteralsAndTextBlocks() {
		String source = """
				class X {
					// from partner p  (a comment, not SQL)
					String a = "select id from contact where x = 'it''s'";
					String b = \"""
							select 1
							from commission c join partner p on p.id = c.partner_id
							\""";
					String c = "select * from " + "program";
					String d = "program.update" + ", " + "commission";
					String e = "update";
					String f = "partner";
					char q = '"';
				}
				""";
		Matcher m = TABLE_REFERENCE.matcher(String.join(";", stringLiterals(source)));
		List<String> tables = new ArrayList<>();
		while (m.find()) {
			tables.add(m.group(1));
		}
		assertThat(tables).containsExactly("contact", "commission", "partner", "program");
	}

	private static Map<String, String> migrations() throws IOException {
		Map<String, String> byName = new TreeMap<>((a, b) -> compareVersions(version(a), version(b)));
		try (Stream<Path> files = Files.list(MIGRATIONS)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
				byName.put(file.getFileName().toString(), Files.readString(file));
			}
		}
		return byName;
	}

	private static String version(String fileName) {
		return fileName.substring(1, fileName.indexOf("__"));
	}

	private static int compareVersions(String a, String b) {
		String[] x = a.split("[._]");
		String[] y = b.split("[._]");
		for (int i = 0; i < Math.max(x.length, y.length); i++) {
			long p = i < x.length ? Long.parseLong(x[i]) : 0;
			long q = i < y.length ? Long.parseLong(y[i]) : 0;
			if (p != q) {
				return Long.compare(p, q);
			}
		}
		return 0;
	}

	/**
	 * SQL statements split at semicolons outside dollar-quoted ({@code $$ … $$}) bodies.
	 */
	private static List<String> statements(String sql) {
		List<String> statements = new ArrayList<>();
		boolean quoted = false;
		int start = 0;
		for (int i = 0; i < sql.length(); i++) {
			if (sql.startsWith("$$", i)) {
				quoted = !quoted;
				i++;
			}
			else if (!quoted && sql.charAt(i) == ';') {
				statements.add(sql.substring(start, i));
				start = i + 1;
			}
		}
		statements.add(sql.substring(start));
		return statements;
	}

	private static String stripSqlComments(String sql) {
		return sql.replaceAll("--[^\\n]*", "");
	}

	/**
	 * The contents of the string literals and text blocks of a Java source (comments and
	 * chars skipped); literals joined by {@code +} alone come back as one.
	 */
	static List<String> stringLiterals(String source) {
		List<String> literals = new ArrayList<>();
		int[] lastEnd = { -1 };
		java.util.function.BiConsumer<Integer, String> add = (start, text) -> {
			if (lastEnd[0] >= 0 && source.substring(lastEnd[0], start).matches("\\s*\\+\\s*")) {
				literals.set(literals.size() - 1, literals.get(literals.size() - 1) + text);
			}
			else {
				literals.add(text);
			}
		};
		int i = 0;
		int n = source.length();
		while (i < n) {
			char c = source.charAt(i);
			if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
				int end = source.indexOf('\n', i);
				i = end < 0 ? n : end + 1;
			}
			else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
				int end = source.indexOf("*/", i + 2);
				i = end < 0 ? n : end + 2;
			}
			else if (c == '\'') {
				i++;
				while (i < n && source.charAt(i) != '\'') {
					i += source.charAt(i) == '\\' ? 2 : 1;
				}
				i++;
			}
			else if (source.startsWith("\"\"\"", i)) {
				int end = i + 3;
				while (end < n && !source.startsWith("\"\"\"", end)) {
					end += source.charAt(end) == '\\' ? 2 : 1;
				}
				add.accept(i, source.substring(i + 3, Math.min(end, n)));
				i = end + 3;
				lastEnd[0] = i;
			}
			else if (c == '"') {
				int end = i + 1;
				while (end < n && source.charAt(end) != '"') {
					end += source.charAt(end) == '\\' ? 2 : 1;
				}
				add.accept(i, source.substring(i + 1, Math.min(end, n)));
				i = end + 1;
				lastEnd[0] = i;
			}
			else {
				i++;
			}
		}
		return literals;
	}

	/**
	 * The "Table ownership" section of docs/architecture.md: its first table, with one
	 * row per module ({@code | `module` |
	 * `table`, ... | `view`, ... |}). No module is exempt: the demo seeds through the
	 * owners' APIs too.
	 */
	private static final class Ownership {

		final Map<String, String> tableOwner = new TreeMap<>();

		final Map<String, String> viewOwner = new TreeMap<>();

		final List<String> duplicates = new ArrayList<>();

		String ownerOf(String tableOrView) {
			String name = tableOrView.toLowerCase(Locale.ROOT);
			String owner = this.tableOwner.get(name);
			return owner != null ? owner : this.viewOwner.get(name);
		}

		static Ownership read() throws IOException {
			Ownership map = new Ownership();
			List<String> lines = Files.readAllLines(DOC);
			int start = lines.indexOf("## Table ownership");
			boolean tableEnded = false;
			assertThat(start).as("docs/architecture.md has a section \"## Table ownership\"").isNotNegative();
			for (String line : lines.subList(start + 1, lines.size())) {
				if (line.startsWith("## ")) {
					break;
				}
				if (!line.startsWith("| `")) {
					if (!map.tableOwner.isEmpty() && !line.startsWith("|")) {
						tableEnded = true; // later tables in the section (the views'
											// list) are prose
					}
					continue;
				}
				if (tableEnded) {
					continue;
				}
				String[] cells = line.split("\\|");
				String module = names(cells[1]).get(0);
				for (String table : names(cells[2])) {
					String previous = map.tableOwner.put(table, module);
					if (previous != null) {
						map.duplicates.add("table " + table + " is owned by " + previous + " and " + module);
					}
				}
				if (cells.length > 3) {
					for (String view : names(cells[3])) {
						String previous = map.viewOwner.put(view, module);
						if (previous != null || map.tableOwner.containsKey(view)) {
							map.duplicates.add("view " + view + " is named twice in the map");
						}
					}
				}
			}
			assertThat(map.tableOwner).as("the ownership map in docs/architecture.md").isNotEmpty();
			return map;
		}

		private static List<String> names(String cell) {
			List<String> names = new ArrayList<>();
			Matcher m = BACKTICKED.matcher(cell);
			while (m.find()) {
				names.add(m.group(1));
			}
			return names;
		}

	}

}
