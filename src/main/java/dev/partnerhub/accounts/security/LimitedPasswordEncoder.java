package dev.partnerhub.accounts.security;

import dev.partnerhub.accounts.Passwords;
import dev.partnerhub.support.InvalidInputException;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The delegating encoder (bcrypt for new hashes) with bcrypt's 72-byte limit made
 * explicit: encoding a longer password is a clear InvalidInputException instead of Spring
 * Security's IllegalArgumentException (a backstop; every form checks {@link Passwords}
 * first), and a longer password never matches, so it cannot log in with only its first 72
 * bytes right. Such a password can no longer be chosen, so no user has one.
 */
final class LimitedPasswordEncoder implements PasswordEncoder {

	private final PasswordEncoder delegate;

	LimitedPasswordEncoder(PasswordEncoder delegate) {
		this.delegate = delegate;
	}

	@Override
	public String encode(CharSequence rawPassword) {
		if (Passwords.tooLong(rawPassword)) {
			throw new InvalidInputException("password", Passwords.problem("The password", rawPassword.toString()));
		}
		return this.delegate.encode(rawPassword);
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		return !Passwords.tooLong(rawPassword) && this.delegate.matches(rawPassword, encodedPassword);
	}

	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return this.delegate.upgradeEncoding(encodedPassword);
	}

}
