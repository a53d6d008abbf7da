package dev.partnerhub.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Partners and contacts are people of any gender: what the app shows (templates, messages
 * in Java string literals) and the README speak of "the partner" or "they", never "he",
 * "him" or "his" (issue 20: "Add him to a program"). Template comments and Java comments
 * are for developers and are not checked.
 */
class NeutralWordingTests {

	private static final Pattern GENDERED = Pattern.compile("\\b(he|him|his|himself|she|her|hers|herself)\\b",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern TEMPLATE_COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);

	private static final Pattern JAVA_STRING = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"");

	@Test
	void templatesSayTheyNotHe() throws IOException {
		List<String> found = new ArrayList<>();
		try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
			for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
				String text = TEMPLATE_COMMENT.matcher(Files.readString(file)).replaceAll(" ");
				collect(file, text, found);
			}
		}
		assertThat(found).isEmpty();
	}

	@Test
	void messagesInTheCodeSayTheyNotHe() throws IOException {
		List<String> found = new ArrayList<>();
		try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
			for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
				for (String line : Files.readAllLines(file)) {
					String code = line.strip();
					if (code.startsWith("//") || code.startsWith("*") || code.startsWith("/*")) {
						continue;
					}
					Matcher literal = JAVA_STRING.matcher(code);
					while (literal.find()) {
						collect(file, literal.group(), found);
					}
				}
			}
		}
		assertThat(found).isEmpty();
	}

	@Test
	void theReadmeSaysTheyNotHe() throws IOException {
		List<String> found = new ArrayList<>();
		collect(Path.of("README.md"), Files.readString(Path.of("README.md")), found);
		assertThat(found).isEmpty();
	}

	private static void collect(Path file, String text, List<String> found) {
		Matcher matcher = GENDERED.matcher(text);
		while (matcher.find()) {
			int from = Math.max(0, matcher.start() - 40);
			int to = Math.min(text.length(), matcher.end() + 40);
			found.add(file + ": …" + text.substring(from, to).replaceAll("\\s+", " ") + "…");
		}
	}

}
