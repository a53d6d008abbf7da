package dev.partnerhub.support.merge;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A text with merge fields, parsed once. The syntax, the same everywhere:
 * <ul>
 * <li>{@code {{firstName}}} — a field; no value renders as nothing; {@code {{firstName |
 * "there"}}} renders "there" instead.</li>
 * <li>{@code {{#if hasPromoTools}} … {{else}} … {{/if}}}, also {@code {{#if status ==
 * "pending"}}} and {@code !=}.</li>
 * <li>{@code {{#each promoTools as tool}}- {{tool.name}}: {{tool.link}}{{/each}}}.</li>
 * </ul>
 * Nothing is evaluated: a field is a name looked up in a map, never an expression, so an
 * admin's text cannot reach a Java object (no SpEL, OGNL or Thymeleaf runs on it). The
 * old syntaxes ({@code [[${firstName}]]}, {@code [# th:if=…]}), single braces
 * ({@code {link}}) and unbalanced braces are refused with a message that says what to
 * write instead.
 */
public final class MergeText {

	private static final String NAME = "[A-Za-z][A-Za-z0-9_]*(?:\\.[A-Za-z][A-Za-z0-9_]*)?";

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

	/** Old names → the name every text uses now, for "did you mean". */
	private static final Map<String, String> RENAMED = Map.of("trackedLink", "referralLink", "partner.link",
			"referralLink", "link", "referralLink", "program", "programName", "partner.code", "code",
			"partner.firstName", "firstName", "partner.lastName", "lastName");

	private final List<Node> nodes;

	private MergeText(List<Node> nodes) {
		this.nodes = nodes;
	}

	/**
	 * Parses a text; a syntax error is a {@link Failure} saying what to write instead.
	 */
	public static MergeText parse(@Nullable String text) {
		return new Parser(text == null ? "" : text).parse();
	}

	/**
	 * Parses, checks every field against the catalog (names, and for lists
	 * {@code list.item} names) and renders in one go.
	 */
	public static String render(@Nullable String text, Map<String, ?> values, boolean html) {
		return parse(text).render(values, html);
	}

	/**
	 * As {@link #render(String, Map, boolean)} for text saved before the editor checked
	 * it: a syntax error drops every {@code {{…}}} instead of failing, so a partner never
	 * sees a raw field nor an error page.
	 */
	public static String renderLenient(@Nullable String text, Map<String, ?> values, boolean html) {
		try {
			return render(text, values, html);
		}
		catch (Failure ex) {
			return text == null ? "" : text.replaceAll("\\{\\{[^{}]*\\}\\}", "");
		}
	}

	/**
	 * The merge field of a rollup: {@code rollup_} and its name lower-cased, each run of
	 * other characters than letters and digits one {@code _} ("Approved commissions" →
	 * {@code rollup_approved_commissions}).
	 */
	public static String rollupField(String rollupName) {
		return "rollup_" + rollupName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
	}

	/**
	 * Parses and checks against the catalog; a problem is an exception on this form
	 * field, fit for the editor.
	 */
	public static MergeText check(String formField, @Nullable String text, Collection<String> known) {
		try {
			return parse(text).check(known);
		}
		catch (Failure ex) {
			throw new dev.partnerhub.support.InvalidInputException(formField, ex.getMessage());
		}
	}

	/**
	 * Fails with the first field the catalog does not know, suggesting the nearest known
	 * one. Inside {@code {{#each list as item}}}, {@code item.x} is known when the
	 * catalog has {@code list.x}.
	 */
	public MergeText check(Collection<String> known) {
		checkNodes(this.nodes, Map.of(), Set.copyOf(known));
		return this;
	}

	/** The field names the text reads (loop items as {@code list.x}). */
	public Set<String> fields() {
		Set<String> names = new LinkedHashSet<>();
		collect(this.nodes, Map.of(), names);
		return names;
	}

	/**
	 * The text with the values filled in; a field without a value (or unknown) renders
	 * its fallback or nothing, never the raw {@code {{…}}}. {@code html}: values are
	 * HTML-escaped (the text around them is the admin's own).
	 */
	public String render(Map<String, ?> values, boolean html) {
		StringBuilder out = new StringBuilder();
		renderNodes(this.nodes, new Scope(values, null), html, out);
		return out.toString();
	}

	/** A message for the editor: which field, on which line, what to write instead. */
	public static final class Failure extends RuntimeException {

		public Failure(String message) {
			super(message);
		}

	}

	// --- model

	private sealed interface Node permits Text, Field, If, Each {

	}

	private record Text(String text) implements Node {
	}

	private record Field(String name, @Nullable String fallback, int line) implements Node {
	}

	private record If(String name, @Nullable String op, @Nullable String value, List<Node> then, List<Node> otherwise,
			int line) implements Node {
	}

	private record Each(String list, String alias, List<Node> body, int line) implements Node {
	}

	// --- parsing

	private static final class Parser {

		private final String text;

		private int pos;

		Parser(String text) {
			this.text = text;
		}

		MergeText parse() {
			List<Node> nodes = new ArrayList<>();
			String end = block(nodes, null, 0);
			if (end != null) {
				throw new Failure(at(this.pos - 1) + "{{" + end + "}} has no opening "
						+ (end.equals("/each") ? "{{#each list as item}}." : "{{#if field}}."));
			}
			return new MergeText(List.copyOf(nodes));
		}

		/**
		 * Reads nodes until a closing tag; returns the closing tag's word ({@code /if},
		 * {@code /each}, {@code else}) or null at the end of the text.
		 */
		private @Nullable String block(List<Node> into, @Nullable String open, int openLine) {
			while (this.pos < this.text.length()) {
				int start = this.text.indexOf("{{", this.pos);
				int stray = this.text.indexOf("}}", this.pos);
				if (stray >= 0 && (start < 0 || stray < start)) {
					literal(into, this.text.substring(this.pos, stray + 2), this.pos);
					throw new Failure(at(stray) + "\"" + around(stray) + "\" closes }} without an opening {{.");
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
					throw new Failure(at(start) + "\"" + shorten(shown) + "\" is not closed: write {{" + inner + "}}.");
				}
				String tag = this.text.substring(start + 2, close).strip();
				int line = line(start);
				this.pos = close + 2;
				if (tag.equals("else") || tag.equals("/if") || tag.equals("/each")) {
					return tag;
				}
				Matcher m;
				if ((m = IF.matcher(tag)).matches()) {
					List<Node> then = new ArrayList<>();
					List<Node> otherwise = new ArrayList<>();
					String end = block(then, tag, line);
					if ("else".equals(end)) {
						end = block(otherwise, tag, line);
					}
					expectEnd(end, "/if", tag, line);
					into.add(new If(m.group(1), m.group(2), m.group(3), List.copyOf(then), List.copyOf(otherwise),
							line));
				}
				else if ((m = EACH.matcher(tag)).matches()) {
					List<Node> body = new ArrayList<>();
					String end = block(body, tag, line);
					expectEnd(end, "/each", tag, line);
					into.add(new Each(m.group(1), m.group(2), List.copyOf(body), line));
				}
				else if ((m = FIELD.matcher(tag)).matches()) {
					into.add(new Field(m.group(1), m.group(2), line));
				}
				else {
					throw new Failure("Line " + line + ": \"{{" + shorten(tag) + "}}\" is not a merge field: write "
							+ "{{name}}, {{name | \"fallback\"}}, {{#if name}} … {{/if}} or "
							+ "{{#each list as item}} … {{/each}} (names are letters, digits and _).");
				}
			}
			if (open != null) {
				throw new Failure("Line " + openLine + ": {{" + shorten(open) + "}} is never closed: end it with {{/"
						+ (open.startsWith("#each") ? "each" : "if") + "}}.");
			}
			return null;
		}

		private void expectEnd(@Nullable String end, String wanted, String tag, int line) {
			if (!wanted.equals(end)) {
				throw new Failure("Line " + line + ": {{" + shorten(tag) + "}} is never closed: end it with {{" + wanted
						+ "}}" + (end == null ? "." : ", not {{" + end + "}}."));
			}
		}

		/** Plain text, refused when it holds an old or malformed merge field. */
		private void literal(List<Node> into, String chunk, int offset) {
			if (chunk.isEmpty()) {
				return;
			}
			Matcher old = OLD_INLINE.matcher(chunk);
			while (old.find()) {
				String inner = old.group(1) != null ? old.group(1) : old.group(2);
				if (inner.contains("${") || inner.contains("*{")) {
					throw new Failure(at(offset + old.start()) + "\"" + shorten(old.group()) + "\" is the old merge "
							+ "syntax: write " + suggestion(inner) + ".");
				}
			}
			Matcher block = OLD_BLOCK.matcher(chunk);
			if (block.find()) {
				throw new Failure(at(offset + block.start()) + "\"" + shorten(block.group()) + "\" is the old block "
						+ "syntax: write {{#if field}} … {{/if}} or {{#each list as item}} … {{/each}}.");
			}
			Matcher dollar = DOLLAR.matcher(chunk);
			if (dollar.find()) {
				throw new Failure(at(offset + dollar.start()) + "\"" + shorten(dollar.group())
						+ "\" is not a merge field here: write " + suggestion(dollar.group()) + ".");
			}
			Matcher single = SINGLE.matcher(chunk);
			if (single.find()) {
				throw new Failure(at(offset + single.start()) + "\"" + single.group() + "\" is not a merge field: "
						+ "write {{" + single.group(1) + "}} (two braces on each side).");
			}
			into.add(new Text(chunk));
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

	}

	private static String shorten(String text) {
		String oneLine = text.replaceAll("\\s+", " ").strip();
		return oneLine.length() > 80 ? oneLine.substring(0, 80) + "…" : oneLine;
	}

	// --- checking

	private static void checkNodes(List<Node> nodes, Map<String, String> aliases, Set<String> known) {
		for (Node node : nodes) {
			if (node instanceof Field field) {
				checkName(field.name(), field.line(), aliases, known);
			}
			else if (node instanceof If block) {
				checkName(block.name(), block.line(), aliases, known);
				checkNodes(block.then(), aliases, known);
				checkNodes(block.otherwise(), aliases, known);
			}
			else if (node instanceof Each each) {
				checkName(each.list(), each.line(), aliases, known);
				Map<String, String> inner = new java.util.HashMap<>(aliases);
				inner.put(each.alias(), resolve(each.list(), aliases));
				checkNodes(each.body(), inner, known);
			}
		}
	}

	private static void checkName(String name, int line, Map<String, String> aliases, Set<String> known) {
		String resolved = resolve(name, aliases);
		if (aliases.containsKey(name) || known.contains(resolved)) {
			return;
		}
		String hint = nearest(name, resolved, aliases, known);
		throw new Failure("Line " + line + ": unknown merge field {{" + name + "}}"
				+ (hint == null ? ": see the list of merge fields." : ": did you mean {{" + hint + "}}?"));
	}

	/**
	 * {@code tool.name} inside a loop over promoTools reads catalog name promoTools.name.
	 */
	private static String resolve(String name, Map<String, String> aliases) {
		int dot = name.indexOf('.');
		String head = dot < 0 ? name : name.substring(0, dot);
		String list = aliases.get(head);
		return list == null || dot < 0 ? name : list + name.substring(dot);
	}

	private static @Nullable String nearest(String name, String resolved, Map<String, String> aliases,
			Set<String> known) {
		// names of the old syntaxes (promo tools, page blocks) and a field's non-existent
		// part ({{referralLink.foo}}): the field itself
		String renamed = RENAMED.get(name);
		if (renamed != null && known.contains(renamed)) {
			return renamed;
		}
		int dot = name.indexOf('.');
		if (dot > 0 && !aliases.containsKey(name.substring(0, dot)) && known.contains(name.substring(0, dot))) {
			return name.substring(0, dot);
		}
		// compare without an old prefix such as partner. (promo tools' old syntax)
		String wanted = name.replaceFirst("^(partner|program|contact|commission)\\.", "").toLowerCase(Locale.ROOT);
		String prefix = resolved.equals(name) ? null : resolved.substring(0, resolved.indexOf('.') + 1);
		List<String> candidates = new ArrayList<>();
		for (String k : known) {
			if (prefix != null) {
				if (k.startsWith(prefix)) {
					candidates.add(name.substring(0, name.indexOf('.') + 1) + k.substring(prefix.length()));
				}
			}
			else if (k.indexOf('.') < 0) {
				candidates.add(k);
			}
		}
		return candidates.stream()
			.filter(c -> score(wanted, c) <= Math.max(2, wanted.length() / 3) || containsWord(c, wanted))
			.min(Comparator.<String>comparingInt(c -> score(wanted, c)).thenComparing(Comparator.naturalOrder()))
			.orElse(null);
	}

	private static boolean containsWord(String candidate, String wanted) {
		return wanted.length() >= 3 && candidate.toLowerCase(Locale.ROOT).contains(wanted);
	}

	private static int score(String wanted, String candidate) {
		String c = candidate.toLowerCase(Locale.ROOT);
		int dot = c.lastIndexOf('.');
		return distance(wanted.substring(wanted.lastIndexOf('.') + 1), dot < 0 ? c : c.substring(dot + 1));
	}

	private static int distance(String a, String b) {
		int[] prev = new int[b.length() + 1];
		int[] cur = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			prev[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			cur[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
				cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
			}
			int[] swap = prev;
			prev = cur;
			cur = swap;
		}
		return prev[b.length()];
	}

	private static void collect(List<Node> nodes, Map<String, String> aliases, Set<String> names) {
		for (Node node : nodes) {
			if (node instanceof Field field) {
				names.add(resolve(field.name(), aliases));
			}
			else if (node instanceof If block) {
				names.add(resolve(block.name(), aliases));
				collect(block.then(), aliases, names);
				collect(block.otherwise(), aliases, names);
			}
			else if (node instanceof Each each) {
				names.add(resolve(each.list(), aliases));
				Map<String, String> inner = new java.util.HashMap<>(aliases);
				inner.put(each.alias(), resolve(each.list(), aliases));
				collect(each.body(), inner, names);
			}
		}
	}

	// --- rendering

	private record Scope(Map<String, ?> values, @Nullable Scope parent) {

		@Nullable Object get(String name) {
			int dot = name.indexOf('.');
			String head = dot < 0 ? name : name.substring(0, dot);
			for (Scope s = this; s != null; s = s.parent()) {
				if (s.values().containsKey(head)) {
					Object value = s.values().get(head);
					if (dot < 0) {
						return value;
					}
					return value instanceof Map<?, ?> map ? map.get(name.substring(dot + 1)) : null;
				}
			}
			// a flat key with a dot (a catalog may name one so)
			for (Scope s = this; s != null; s = s.parent()) {
				if (s.values().containsKey(name)) {
					return s.values().get(name);
				}
			}
			return null;
		}

	}

	private static void renderNodes(List<Node> nodes, Scope scope, boolean html, StringBuilder out) {
		for (Node node : nodes) {
			if (node instanceof Text text) {
				out.append(text.text());
			}
			else if (node instanceof Field field) {
				String value = display(scope.get(field.name()));
				if (value.isEmpty() && field.fallback() != null) {
					value = field.fallback();
				}
				out.append(html ? escape(value) : value);
			}
			else if (node instanceof If block) {
				Object value = scope.get(block.name());
				boolean holds = (block.op() == null) ? truthy(value)
						: "==".equals(block.op()) == display(value).equals(block.value());
				renderNodes(holds ? block.then() : block.otherwise(), scope, html, out);
			}
			else if (node instanceof Each each && scope.get(each.list()) instanceof Collection<?> items) {
				for (Object item : items) {
					renderNodes(each.body(), new Scope(Map.of(each.alias(), item == null ? "" : item), scope), html,
							out);
				}
			}
		}
	}

	private static boolean truthy(@Nullable Object value) {
		if (value == null || Boolean.FALSE.equals(value)) {
			return false;
		}
		if (value instanceof Collection<?> c) {
			return !c.isEmpty();
		}
		if (value instanceof Map<?, ?> m) {
			return !m.isEmpty();
		}
		String text = value.toString();
		return !text.isEmpty() && !text.equals("false");
	}

	private static String display(@Nullable Object value) {
		if (value == null) {
			return "";
		}
		if (value instanceof Collection<?> items) {
			return String.join(", ", items.stream().map(MergeText::display).toList());
		}
		if (value instanceof java.math.BigDecimal decimal) {
			return decimal.toPlainString();
		}
		return value.toString();
	}

	/** Escapes for HTML text and attribute values. */
	public static String escape(String text) {
		StringBuilder out = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '&' -> out.append("&amp;");
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '"' -> out.append("&quot;");
				case '\'' -> out.append("&#39;");
				default -> out.append(c);
			}
		}
		return out.toString();
	}

}
