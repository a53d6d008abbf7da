package dev.partnerhub.filters;

/**
 * Field names in words for the console: {@code dateProcessed} → {@code Date processed}.
 */
public final class FilterText {

	private FilterText() {
	}

	/**
	 * A builder choice in words: a provider's prefixed name
	 * ({@code rollup:Lifetime sales}) shows its prefix as a word
	 * ({@code Rollup: Lifetime sales}), a plain name as {@link #label}.
	 */
	public static String choiceLabel(String name) {
		int colon = name == null ? -1 : name.indexOf(':');
		if (colon > 0) {
			return label(name.substring(0, colon)) + ": " + name.substring(colon + 1);
		}
		return label(name);
	}

	public static String label(String field) {
		if (field == null || field.isEmpty()) {
			return "";
		}
		StringBuilder words = new StringBuilder();
		for (int i = 0; i < field.length(); i++) {
			char c = field.charAt(i);
			if (i == 0) {
				words.append(Character.toUpperCase(c));
			}
			else if (Character.isUpperCase(c)) {
				words.append(' ').append(Character.toLowerCase(c));
			}
			else {
				words.append(c);
			}
		}
		return words.toString();
	}

}
