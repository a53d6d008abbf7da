package dev.partnerhub.support.merge;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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

	private final List<MergeNode> nodes;

	private MergeText(List<MergeNode> nodes) {
		this.nodes = nodes;
	}

	/**
	 * Parses a text; a syntax error is a {@link Failure} saying what to write instead.
	 */
	public static MergeText parse(@Nullable String text) {
		return new MergeText(new MergeParser(text == null ? "" : text).parse());
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

	// --- checking

	private static void checkNodes(List<MergeNode> nodes, Map<String, String> aliases, Set<String> known) {
		for (MergeNode node : nodes) {
			if (node instanceof MergeNode.Field field) {
				checkName(field.name(), field.line(), aliases, known);
			}
			else if (node instanceof MergeNode.If block) {
				checkName(block.name(), block.line(), aliases, known);
				checkNodes(block.then(), aliases, known);
				checkNodes(block.otherwise(), aliases, known);
			}
			else if (node instanceof MergeNode.Each each) {
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
		String hint = FieldSuggestions.nearest(name, resolved, aliases, known);
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

	private static void collect(List<MergeNode> nodes, Map<String, String> aliases, Set<String> names) {
		for (MergeNode node : nodes) {
			if (node instanceof MergeNode.Field field) {
				names.add(resolve(field.name(), aliases));
			}
			else if (node instanceof MergeNode.If block) {
				names.add(resolve(block.name(), aliases));
				collect(block.then(), aliases, names);
				collect(block.otherwise(), aliases, names);
			}
			else if (node instanceof MergeNode.Each each) {
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

	private static void renderNodes(List<MergeNode> nodes, Scope scope, boolean html, StringBuilder out) {
		for (MergeNode node : nodes) {
			if (node instanceof MergeNode.Text text) {
				out.append(text.text());
			}
			else if (node instanceof MergeNode.Field field) {
				String value = display(scope.get(field.name()));
				if (value.isEmpty() && field.fallback() != null) {
					value = field.fallback();
				}
				out.append(html ? escape(value) : value);
			}
			else if (node instanceof MergeNode.If block) {
				Object value = scope.get(block.name());
				boolean holds = (block.op() == null) ? truthy(value)
						: "==".equals(block.op()) == display(value).equals(block.value());
				renderNodes(holds ? block.then() : block.otherwise(), scope, html, out);
			}
			else if (node instanceof MergeNode.Each each && scope.get(each.list()) instanceof Collection<?> items) {
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
