package dev.partnerhub.imports.domain;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Values earlier rows of the file used, for "duplicate of line n". */
final class Seen {

	private final Map<String, Integer> lines = new HashMap<>();

	String duplicate(String field, String value, int line) {
		Integer first = this.lines.putIfAbsent(field + ":" + value, line);
		return first == null ? null
				: "Duplicate " + (field.equals("email") ? "e-mail" : field) + " (same as line " + first + ").";
	}

	boolean has(String field, String value) {
		return this.lines.containsKey(field + ":" + value);
	}

	void remember(ImportKind kind, Columns c, CsvTable.Row row) {
		if (kind == ImportKind.COMMISSIONS) {
			String externalId = row.get(c.get("external_id"));
			if (!externalId.isEmpty()) {
				this.lines.putIfAbsent("external id:" + externalId, row.line());
			}
			return;
		}
		String email = row.get(c.get("email")).toLowerCase(Locale.ROOT);
		if (!email.isEmpty()) {
			this.lines.putIfAbsent("email:" + email, row.line());
		}
		if (kind == ImportKind.PARTNERS) {
			String code = row.get(c.get("code")).toLowerCase(Locale.ROOT);
			if (!code.isEmpty()) {
				this.lines.putIfAbsent("code:" + code, row.line());
			}
		}
	}

}
