package dev.partnerhub.imports.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.partnerhub.support.InvalidInputException;

/** Column index per documented column name (-1 when the file does not have it). */
record Columns(Map<String, Integer> index) {

	int get(String column) {
		return this.index.getOrDefault(column, -1);
	}

	/**
	 * The columns of a file of this kind; refuses a file whose header row misses a
	 * required column.
	 */
	static Columns check(ImportKind kind, CsvTable table) {
		Map<String, Integer> index = new LinkedHashMap<>();
		for (String column : kind.columns()) {
			index.put(column, table.column(ImportKind.aliases(column)));
		}
		List<String> missing = kind.required().stream().filter(column -> index.get(column) < 0).toList();
		if (!missing.isEmpty()) {
			throw new InvalidInputException("file",
					"The header row must name the column" + (missing.size() > 1 ? "s " : " ")
							+ String.join(", ", missing) + " (found: "
							+ RowChecks.shorten(String.join(", ", table.headers())) + ").");
		}
		return new Columns(index);
	}

}
