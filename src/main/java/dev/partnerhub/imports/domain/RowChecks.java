package dev.partnerhub.imports.domain;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import dev.partnerhub.support.Excerpts;

/**
 * Checks and messages every importer shares: what a row's error says, e-mails, name
 * lengths, shortened values.
 */
final class RowChecks {

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s<>\"]{1,64}@[^@\\s<>\"]+\\.[^@\\s<>\"]{2,}$");

	static final Pattern CODE = Pattern.compile("^[A-Za-z0-9_-]{3,40}$");

	private RowChecks() {
	}

	static CsvImports.RowResult error(CsvTable.Row row, String message) {
		return new CsvImports.RowResult(row.line(), CsvImports.Action.ERROR, "", message);
	}

	static @Nullable String checkEmail(String what, String email, boolean required) {
		if (email.isEmpty()) {
			return required ? "E-mail is missing." : null;
		}
		if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
			return "'" + shorten(email) + "' is not a valid " + what + ".";
		}
		return null;
	}

	static String checkLength(String first, String last) {
		return first.length() > 100 || last.length() > 100 ? "Names may have at most 100 characters." : null;
	}

	static String shorten(String value) {
		return Excerpts.of(value.replaceAll("\\p{Cntrl}", ""), 60);
	}

	static String truncate(String value, int max) {
		return value == null ? "" : value.length() > max ? value.substring(0, max) : value;
	}

}
