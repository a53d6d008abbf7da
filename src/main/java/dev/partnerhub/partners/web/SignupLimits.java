package dev.partnerhub.partners.web;

import java.util.Locale;

import dev.partnerhub.support.RateLimiter;

import org.springframework.stereotype.Component;

/**
 * The public sign-up's rate limits, shared by the hosted form and the embedded one (one
 * budget per client address and per e-mail address, whichever form is used). Each call
 * counts the attempt atomically; callers ask before the password is hashed and anything
 * is written.
 */
@Component
class SignupLimits {

	static final int PER_ADDRESS_PER_HOUR = 10;

	static final int PER_EMAIL_PER_HOUR = 5;

	private final RateLimiter limiter;

	SignupLimits(RateLimiter limiter) {
		this.limiter = limiter;
	}

	/** Counts a sign-up attempt from this client address. */
	boolean allowAddress(String remoteAddress) {
		return this.limiter.allow("signup:" + remoteAddress, PER_ADDRESS_PER_HOUR, 3600);
	}

	/** Counts a sign-up attempt for this e-mail address (case-insensitive). */
	boolean allowEmail(String email) {
		return this.limiter.allow("signup-email:" + email.strip().toLowerCase(Locale.ROOT), PER_EMAIL_PER_HOUR, 3600);
	}

}
