package dev.partnerhub.imports.domain;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.partnerhub.support.InvalidInputException;

/**
 * A parsed CSV file (RFC 4180: quoted fields with commas, quotes and line breaks; comma
 * or semicolon separated, as spreadsheets export them). {@code rows} keeps each data row
 * with its line number in the file (the header is line 1) so errors point at the line the
 * user sees in his editor.
 */
public record CsvTable(List<String> headers, List<Row> rows) {

	public static final int MAX_ROWS = 50_000;

	public record Row(int line, List<String> cells) {

		public String get(int column) {
			return column < 0 || column >= this.cells.size() ? "" : this.cells.get(column).strip();
		}

	}

	/**
	 * Strict UTF-8 (a BOM is dropped); anything else is refused rather than imported as
	 * mojibake.
	 */
	public static String decode(byte[] bytes) {
		try {
			String text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
			if (text.indexOf('\0') >= 0) {
				throw new InvalidInputException("file", "This is not a text CSV file.");
			}
			return text.startsWith("\uFEFF") ? text.substring(1) : text;
		}
		catch (CharacterCodingException ex) {
			throw new InvalidInputException("file",
					"The file is not UTF-8. Save it as \"CSV UTF-8\" in your spreadsheet and upload it again.");
		}
	}

	public static CsvTable parse(String text) {
		String firstLine = text.lines().findFirst().orElse("");
		char separator = count(firstLine, ';') > count(firstLine, ',') ? ';' : ',';
		List<List<String>> records = new ArrayList<>();
		List<Integer> lines = new ArrayList<>();
		List<String> record = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		boolean any = false;
		int line = 1;
		int recordLine = 1;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quoted) {
				if (c == '"') {
					if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
						field.append('"');
						i++;
					}
					else {
						quoted = false;
					}
				}
				else {
					if (c == '\n') {
						line++;
					}
					field.append(c);
				}
			}
			else if (c == '"' && field.isEmpty()) {
				quoted = true;
				any = true;
			}
			else if (c == separator) {
				record.add(field.toString());
				field.setLength(0);
				any = true;
			}
			else if (c == '\n' || c == '\r') {
				if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
					i++;
				}
				if (any || !field.isEmpty()) {
					record.add(field.toString());
					records.add(record);
					lines.add(recordLine);
					if (records.size() > MAX_ROWS + 1) {
						throw new InvalidInputException("file", "At most " + MAX_ROWS + " rows per file.");
					}
				}
				record = new ArrayList<>();
				field.setLength(0);
				any = false;
				line++;
				recordLine = line;
			}
			else {
				field.append(c);
				any = true;
			}
		}
		if (quoted) {
			throw new InvalidInputException("file", "Line " + recordLine + ": a quoted field is not closed.");
		}
		if (any || !field.isEmpty()) {
			record.add(field.toString());
			records.add(record);
			lines.add(recordLine);
		}
		if (records.isEmpty()) {
			throw new InvalidInputException("file", "The file is empty.");
		}
		List<String> headers = records.get(0).stream().map(String::strip).toList();
		List<Row> rows = new ArrayList<>(records.size() - 1);
		for (int i = 1; i < records.size(); i++) {
			rows.add(new Row(lines.get(i), records.get(i)));
		}
		return new CsvTable(headers, rows);
	}

	/**
	 * The column whose header matches one of the names (case, spaces, dashes and
	 * underscores ignored), or -1.
	 */
	public int column(String... names) {
		for (int i = 0; i < this.headers.size(); i++) {
			String header = normalize(this.headers.get(i));
			for (String name : names) {
				if (header.equals(normalize(name))) {
					return i;
				}
			}
		}
		return -1;
	}

	static String normalize(String header) {
		return header.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
	}

	private static long count(String s, char c) {
		return s.chars().filter(x -> x == c).count();
	}

}
