package dev.partnerhub.audit;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who is acting now: the logged-in user or API key, or {@code system} for jobs. */
public final class Actor {

	private Actor() {
	}

	public static String current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated() || authentication.getName() == null
				|| "anonymousUser".equals(authentication.getName())) {
			return "system";
		}
		return authentication.getName();
	}

}
