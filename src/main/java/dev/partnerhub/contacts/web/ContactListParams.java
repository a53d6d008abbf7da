package dev.partnerhub.contacts.web;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The contact list's filters as sent
 * ({@code ?q=&group=&cols=&filterBy=&atLeast=&atMost=}); {@link ContactController} drops
 * an unknown group and {@link dev.partnerhub.contacts.ListColumnSelection} unknown
 * columns and bad numbers, with a message.
 */
record ContactListParams(@Nullable String q, @Nullable String group, @Nullable List<String> cols,
		@Nullable String filterBy, @Nullable String atLeast, @Nullable String atMost) {

	/** The search, empty when none. */
	String query() {
		return this.q == null ? "" : this.q;
	}

}
