package dev.partnerhub.support;

/**
 * A value quoted back in an error message, cut to a readable length ("Unknown field
 * 'abc…'"): a pasted paragraph should not become the whole message.
 */
public final class Excerpts {

	private Excerpts() {
	}

	/**
	 * The text itself when it has at most {@code max} characters, else its first
	 * {@code max} followed by "…" (never half of a surrogate pair).
	 */
	public static String of(String text, int max) {
		if (text.length() <= max) {
			return text;
		}
		int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
		return text.substring(0, end) + "…";
	}

}
