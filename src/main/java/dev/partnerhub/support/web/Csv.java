package dev.partnerhub.support.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Minimal RFC 4180 CSV writing. Cells that a spreadsheet would run as a formula are
 * prefixed with a quote, so an exported name like {@code =HYPERLINK(...)} stays text.
 * Values that must arrive exactly never start that way: payout e-mails starting with
 * {@code = + - @} are refused at input ({@code partners.PayoutEmail}), so the PayPal file
 * carries them unchanged.
 */
public final class Csv {

	private Csv() {
	}

	/** Prepares a download response and writes the header row. */
	public static Writer download(HttpServletResponse response, String filename, List<String> header) {
		response.setContentType("text/csv;charset=UTF-8");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
		try {
			Writer out = response.getWriter();
			writeRow(out, header);
			return out;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static void writeRow(Writer out, List<?> cells) {
		try {
			for (int i = 0; i < cells.size(); i++) {
				if (i > 0) {
					out.write(',');
				}
				out.write(escape(cells.get(i)));
			}
			out.write("\r\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String escape(Object value) {
		if (value == null) {
			return "";
		}
		String text = value.toString();
		if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !(value instanceof Number)) {
			text = "'" + text;
		}
		if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
			return "\"" + text.replace("\"", "\"\"") + "\"";
		}
		return text;
	}

}
