package dev.partnerhub.mail.web;

import dev.partnerhub.mail.domain.OutboxQueries;
import dev.partnerhub.support.web.ListParams;
import org.jspecify.annotations.Nullable;

/**
 * The outbox list's filters ({@code ?status=&to=}); junk is no filter: an unknown status
 * or a blank address becomes null.
 */
record OutboxFilter(@Nullable String status, @Nullable String to) {

	OutboxFilter {
		status = ListParams.trimmed(status, 20);
		status = status != null && OutboxQueries.STATUSES.contains(status) ? status : null;
		to = ListParams.trimmed(to, 320);
	}

}
