package dev.partnerhub.partnercenter.web;

import java.security.Principal;

import dev.partnerhub.partnercenter.domain.PartnerCenterQueries;
import dev.partnerhub.partnercenter.domain.PartnerCenterQueries.Me;

import org.springframework.stereotype.Component;

/**
 * The logged-in partner, from the session principal only (never from a request
 * parameter). A login without a partner, or a partner who is not approved, gets the
 * status page instead of any data ({@link NotApproved}).
 */
@Component
class CurrentPartner {

	private final PartnerCenterQueries queries;

	CurrentPartner(PartnerCenterQueries queries) {
		this.queries = queries;
	}

	Me require(Principal principal) {
		Me me = this.queries.me(principal.getName()).orElseThrow(() -> new NotApproved(null));
		if (!me.approved()) {
			throw new NotApproved(me);
		}
		return me;
	}

	/**
	 * Thrown to show the status page; {@code me} null when the login has no partner at
	 * all.
	 */
	static class NotApproved extends RuntimeException {

		final transient Me me;

		NotApproved(Me me) {
			super(null, null, false, false);
			this.me = me;
		}

	}

}
