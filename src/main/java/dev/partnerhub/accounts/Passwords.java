package dev.partnerhub.accounts;

import java.nio.charset.StandardCharsets;

import dev.partnerhub.support.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * The rules for a password someone chooses, for every form and API that takes one. bcrypt
 * reads at most 72 bytes of UTF-8 (Spring Security refuses more with an
 * IllegalArgumentException), so a longer password is refused with a message instead of
 * being cut or answered with a 500.
 */
public final class Passwords {

	public static final int MIN_LENGTH = 10;

	/** bcrypt's limit, in bytes of UTF-8. */
	public static final int MAX_BYTES = 72;

	private Passwords() {
	}

	/**
	 * What is wrong with a chosen password, {@code subject} naming it ("The password");
	 * null when it is fine.
	 */
	public static @Nullable String problem(String subject, String raw) {
		if (raw == null || raw.length() < MIN_LENGTH) {
			return subject + " must have at least " + MIN_LENGTH + " characters.";
		}
		if (tooLong(raw)) {
			return subject + " is too long: at most " + MAX_BYTES + " bytes (" + MAX_BYTES
					+ " plain letters, digits and signs; an accented letter takes 2 bytes, other characters up to 4).";
		}
		return null;
	}

	/**
	 * Refuses a password that breaks the rules with an InvalidInputException on
	 * {@code field}.
	 */
	public static void check(String field, String subject, String raw) {
		String problem = problem(subject, raw);
		if (problem != null) {
			throw new InvalidInputException(field, problem);
		}
	}

	/**
	 * More than bcrypt can read; a string longer than 72 characters is never counted byte
	 * by byte.
	 */
	public static boolean tooLong(CharSequence raw) {
		return raw != null
				&& (raw.length() > MAX_BYTES || raw.toString().getBytes(StandardCharsets.UTF_8).length > MAX_BYTES);
	}

}
