package dev.partnerhub.rollups;

/** Field names in words for the console: {@code dateProcessed} → {@code Date processed}. */
public final class FilterText {

	private FilterText() {
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
