package dev.partnerhub.partners;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Insert of partners as given (the demo seed): dates, status and parent come from the
 * caller; no events, no audit, no sign-up checks. Runs in the caller's transaction.
 */
public interface PartnerImport {

	/**
	 * A partner; {@code approvedAt} null unless approved, {@code parentId} an existing
	 * partner or null.
	 */
	record NewPartner(long contactId, long programId, String code, PartnerStatus status, @Nullable Long parentId,
			@Nullable String payoutEmail, Instant joined, @Nullable Instant approvedAt) {
	}

	/**
	 * Inserts the partner and answers his id (one at a time: a later partner's parent is
	 * an earlier one).
	 */
	long importPartner(NewPartner partner);

}
