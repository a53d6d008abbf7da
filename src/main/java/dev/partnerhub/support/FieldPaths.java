package dev.partnerhub.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Messages say which row and field in words: a message that starts with an internal path
 * ({@code filter.conditions[0].value: a value is required}) starts with its words instead
 * ({@code Condition 1: a value is required}). The path stays the machine-readable
 * {@link InvalidInputException#field()}.
 */
public final class FieldPaths {

	/** A path with at least one dot or index, then ": ". */
	private static final Pattern LEADING_PATH = Pattern
		.compile("^([a-zA-Z][a-zA-Z0-9]*(?:\\[\\d+\\])?(?:\\.[a-zA-Z][a-zA-Z0-9]*(?:\\[\\d+\\])?)*): ");

	private static final Pattern SEGMENT = Pattern.compile("([a-zA-Z][a-zA-Z0-9]*)(?:\\[(\\d+)\\])?");

	/**
	 * The words for a row's fields. An action's parameter is not among them: its message
	 * says what the parameter is ("unknown e-mail template 'x'").
	 */
	private static final Map<String, String> LEAVES = Map.of("field", "field", "op", "operator", "value", "value",
			"type", "type");

	private FieldPaths() {
	}

	/** {@code message} with a leading internal path put into words; others unchanged. */
	public static String inWords(String message) {
		if (message == null) {
			return null;
		}
		Matcher m = LEADING_PATH.matcher(message);
		if (!m.find() || !(m.group(1).contains(".") || m.group(1).contains("["))) {
			return message;
		}
		String rest = message.substring(m.end());
		return words(m.group(1), rest) + ": " + rest;
	}

	/**
	 * {@code filter.conditions[1].conditions[0].value} → "Group 2, condition 1" (with ",
	 * value" unless {@code message} says "value"); {@code actions[0].param} → "Action 1,
	 * parameter"; {@code filter.conditions} → "Filter".
	 */
	public static String words(String path, String message) {
		List<String[]> segments = new ArrayList<>();
		Matcher s = SEGMENT.matcher(path);
		while (s.find()) {
			segments.add(new String[] { s.group(1), s.group(2) });
		}
		List<String> parts = new ArrayList<>();
		for (int i = 0; i < segments.size(); i++) {
			String name = segments.get(i)[0];
			String index = segments.get(i)[1];
			boolean last = i == segments.size() - 1;
			if (index != null) {
				int number = Integer.parseInt(index) + 1;
				boolean group = "conditions".equals(name) && i + 1 < segments.size()
						&& "conditions".equals(segments.get(i + 1)[0]);
				parts.add((group ? "group" : singular(name)) + " " + number);
			}
			else if (last && Pattern.compile("\\b" + name + "\\b", Pattern.CASE_INSENSITIVE).matcher(message).find()) {
				// named once: left out when the message says it ("a value is required")
			}
			else if (last && !parts.isEmpty() && LEAVES.containsKey(name)) {
				parts.add(LEAVES.get(name));
			}
			else if (last && !parts.isEmpty() && "param".equals(name)) {
				// the message says what the parameter is
			}
			else if (!last && "filter".equals(name)) {
				// a filter's rows speak for it
			}
			else if ("conditions".equals(name)) {
				// a group's condition list: the group (or the whole filter) it belongs to
				if (parts.isEmpty()) {
					parts.add("filter");
				}
			}
			else {
				parts.add(spaced(name));
			}
		}
		if (parts.isEmpty()) {
			parts.add(spaced(segments.get(0)[0]));
		}
		String text = String.join(", ", parts);
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	private static String singular(String name) {
		String words = spaced(name);
		return words.endsWith("s") ? words.substring(0, words.length() - 1) : words;
	}

	/** {@code triggerParam} → "trigger param". */
	private static String spaced(String name) {
		return name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
	}

}
