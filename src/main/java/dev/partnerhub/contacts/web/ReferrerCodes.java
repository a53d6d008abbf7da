package dev.partnerhub.contacts.web;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import dev.partnerhub.contacts.ReferralResolver;
import org.jspecify.annotations.Nullable;

/**
 * Partner codes for the referrer ids of contacts, looked up once per partner: a page or
 * an export shows the same few referrers over and over. Not thread-safe; make one per
 * request.
 */
class ReferrerCodes {

	private final ReferralResolver resolver;

	private final Map<Long, Optional<String>> codes = new HashMap<>();

	ReferrerCodes(ReferralResolver resolver) {
		this.resolver = resolver;
	}

	/** The code, or {@code null} when there is no referrer (or he no longer exists). */
	@Nullable String of(Long partnerId) {
		if (partnerId == null) {
			return null;
		}
		return this.codes.computeIfAbsent(partnerId, this.resolver::codeOf).orElse(null);
	}

}
