package dev.partnerhub.contacts.web;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The contact list's filters as sent
 * ({@code ?q=&group=&cols=&filterBy=&atLeast=&atMost=&referred=&from=&to=&program=});
 * {@link ContactController} drops an unknown group,
 * {@link dev.partnerhub.contacts.ListColumnSelection} unknown columns and bad numbers,
 * {@link ReferredFilter} bad dates, with a message.
 */
record ContactListParams(@Nullable String q, @Nullable String group, @Nullable List<String> cols,
		@Nullable String filterBy, @Nullable String atLeast, @Nullable String atMost, @Nullable String referred,
		@Nullable String from, @Nullable String to, @Nullable String program) {

	/** The search, empty when none. */
	String query() {
		return this.q == null ? "" : this.q;
	}

}
