package dev.partnerhub.support.merge;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.partnerhub.support.Excerpts;
import org.jspecify.annotations.Nullable;

/**
 * Reads a merge text into {@link MergeNode}s; a syntax error, an old syntax or a brace
 * out of place is a {@link MergeText.Failure} naming the line and what to write instead.
 */
final class MergeParser {

	static final String NAME = "[A-Za-z][A-Za-z0-9_]*(?:\\.[A-Za-z][A-Za-z0-9_]*)?";

	private static final Pattern FIELD = Pattern.compile("(" + NAME + ")(?:\\s*\\|\\s*\"([^\"]*)\")?");

	private static final Pattern IF = Pattern.compile("#if\\s+(" + NAME + ")(?:\\s*(==|!=)\\s*\"([^\"]*)\")?");

	private static final Pattern EACH = Pattern.compile("#each\\s+(" + NAME + ")\\s+as\\s+([A-Za-z][A-Za-z0-9_]*)");

	/** Old Thymeleaf inlines: [[${...}]] and [(${...})]. */
	private static final Pattern OLD_INLINE = Pattern.compile("\\[\\[(.*?)\\]\\]|\\[\\((.*?)\\)\\]", Pattern.DOTALL);

	private static final Pattern OLD_BLOCK = Pattern.compile("\\[#\\s*th:[^\\]]*\\]|\\[/\\]");

	private static final Pattern DOLLAR = Pattern.compile("\\$\\{\\s*([^}]*?)\\s*\\}");

	private static final Pattern SINGLE = Pattern.compile("(?<!\\{)\\{\\s*(" + NAME + ")\\s*\\}(?!\\})");

	private static final Pattern UNCLOSED = Pattern.compile("\\{\\{\\s*(" + NAME + ")?");

	private static final Pattern SIMPLE_OLD = Pattern.compile("\\$\\{\\s*(" + NAME + ")\\s*\\}");

	private final String text;

	private int pos;

	MergeParser(String text) {
		this.text = text;
	}

	List<MergeNode> parse() {
		List<MergeNode> nodes = new ArrayList<>();
		String end = block(nodes, null, 0);
		if (end != null) {
			throw new MergeText.Failure(at(this.pos - 1) + "{{" + end + "}} has no opening "
					+ (end.equals("/each") ? "{{#each list as item}}." : "{{#if field}}."));
		}
		return List.copyOf(nodes);
	}

	/**
	 * Reads nodes until a closing tag; returns the closing tag's word ({@code /if},
	 * {@code /each}, {@code else}) or null at the end of the text.
	 */
	private @Nullable String block(List<MergeNode> into, @Nullable String open, int openLine) {
		while (this.pos < this.text.length()) {
			int start = this.text.indexOf("{{", this.pos);
			int stray = this.text.indexOf("}}", this.pos);
			if (stray >= 0 && (start < 0 || stray < start)) {
				literal(into, this.text.substring(this.pos, stray + 2), this.pos);
				throw new MergeText.Failure(at(stray) + "\"" + around(stray) + "\" closes }} without an opening {{.");
			}
			if (start < 0) {
				literal(into, this.text.substring(this.pos), this.pos);
				this.pos = this.text.length();
				break;
			}
			literal(into, this.text.substring(this.pos, start), this.pos);
			int close = this.text.indexOf("}}", start + 2);
			int nextOpen = this.text.indexOf("{{", start + 2);
			if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
				// up to its single } (or the line's end), and the name it starts with
				int stop = this.text.indexOf('\n', start);
				stop = stop < 0 ? this.text.length() : stop;
				int brace = this.text.indexOf('}', start + 2);
				String shown = this.text.substring(start, brace >= 0 && brace < stop ? brace + 1 : stop).strip();
				Matcher name = UNCLOSED.matcher(shown);
				String inner = name.lookingAt() && name.group(1) != null ? name.group(1) : "field";
				throw new MergeText.Failure(
						at(start) + "\"" + shorten(shown) + "\" is not closed: write {{" + inner + "}}.");
			}
			String tag = this.text.substring(start + 2, close).strip();
			int line = line(start);
			this.pos = close + 2;
			if (tag.equals("else") || tag.equals("/if") || tag.equals("/each")) {
				return tag;
			}
			Matcher m;
			if ((m = IF.matcher(tag)).matches()) {
				List<MergeNode> then = new ArrayList<>();
				List<MergeNode> otherwise = new ArrayList<>();
				String end = block(then, tag, line);
				if ("else".equals(end)) {
					end = block(otherwise, tag, line);
				}
				expectEnd(end, "/if", tag, line);
				into.add(new MergeNode.If(m.group(1), m.group(2), m.group(3), List.copyOf(then), List.copyOf(otherwise),
						line));
			}
			else if ((m = EACH.matcher(tag)).matches()) {
				List<MergeNode> body = new ArrayList<>();
				String end = block(body, tag, line);
				expectEnd(end, "/each", tag, line);
				into.add(new MergeNode.Each(m.group(1), m.group(2), List.copyOf(body), line));
			}
			else if ((m = FIELD.matcher(tag)).matches()) {
				into.add(new MergeNode.Field(m.group(1), m.group(2), line));
			}
			else {
				throw new MergeText.Failure(
						"Line " + line + ": \"{{" + shorten(tag) + "}}\" is not a merge field: write "
								+ "{{name}}, {{name | \"fallback\"}}, {{#if name}} … {{/if}} or "
								+ "{{#each list as item}} … {{/each}} (names are letters, digits and _).");
			}
		}
		if (open != null) {
			throw new MergeText.Failure("Line " + openLine + ": {{" + shorten(open)
					+ "}} is never closed: end it with {{/" + (open.startsWith("#each") ? "each" : "if") + "}}.");
		}
		return null;
	}

	private void expectEnd(@Nullable String end, String wanted, String tag, int line) {
		if (!wanted.equals(end)) {
			throw new MergeText.Failure("Line " + line + ": {{" + shorten(tag) + "}} is never closed: end it with {{"
					+ wanted + "}}" + (end == null ? "." : ", not {{" + end + "}}."));
		}
	}

	/** Plain text, refused when it holds an old or malformed merge field. */
	private void literal(List<MergeNode> into, String chunk, int offset) {
		if (chunk.isEmpty()) {
			return;
		}
		Matcher old = OLD_INLINE.matcher(chunk);
		while (old.find()) {
			String inner = old.group(1) != null ? old.group(1) : old.group(2);
			if (inner.contains("${") || inner.contains("*{")) {
				throw new MergeText.Failure(at(offset + old.start()) + "\"" + shorten(old.group())
						+ "\" is the old merge " + "syntax: write " + suggestion(inner) + ".");
			}
		}
		Matcher block = OLD_BLOCK.matcher(chunk);
		if (block.find()) {
			throw new MergeText.Failure(
					at(offset + block.start()) + "\"" + shorten(block.group()) + "\" is the old block "
							+ "syntax: write {{#if field}} … {{/if}} or {{#each list as item}} … {{/each}}.");
		}
		Matcher dollar = DOLLAR.matcher(chunk);
		if (dollar.find()) {
			throw new MergeText.Failure(at(offset + dollar.start()) + "\"" + shorten(dollar.group())
					+ "\" is not a merge field here: write " + suggestion(dollar.group()) + ".");
		}
		Matcher single = SINGLE.matcher(chunk);
		if (single.find()) {
			throw new MergeText.Failure(at(offset + single.start()) + "\"" + single.group()
					+ "\" is not a merge field: " + "write {{" + single.group(1) + "}} (two braces on each side).");
		}
		into.add(new MergeNode.Text(chunk));
	}

	private static String suggestion(String oldExpression) {
		Matcher simple = SIMPLE_OLD.matcher(oldExpression);
		return simple.find() && oldExpression.strip().matches("\\$\\{\\s*" + NAME + "\\s*\\}")
				? "{{" + simple.group(1) + "}}" : "{{field}} (see the list of merge fields)";
	}

	private int line(int offset) {
		int line = 1;
		for (int i = 0; i < offset && i < this.text.length(); i++) {
			if (this.text.charAt(i) == '\n') {
				line++;
			}
		}
		return line;
	}

	private String at(int offset) {
		return "Line " + line(offset) + ": ";
	}

	private String around(int offset) {
		int from = Math.max(this.text.lastIndexOf('\n', offset) + 1, offset - 30);
		return shorten(this.text.substring(from, Math.min(this.text.length(), offset + 2)).strip());
	}

	/** A piece of the text quoted in a message: on one line, cut to 80 characters. */
	private static String shorten(String text) {
		return Excerpts.of(text.replaceAll("\\s+", " ").strip(), 80);
	}

}
