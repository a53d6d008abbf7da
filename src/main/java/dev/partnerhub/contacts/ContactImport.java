package dev.partnerhub.contacts;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Bulk insert of contacts as given (the demo seed): dates and referrers come from the
 * caller, nothing is merged with existing contacts. Runs in the caller's transaction.
 */
public interface ContactImport {

	/** A new contact; the referrer fields may be null (not referred). */
	record NewContact(String email, String firstName, String lastName, Instant dateAdded,
			@Nullable Long firstReferrerId, @Nullable Instant firstReferredAt, @Nullable Long lastReferrerId,
			@Nullable Instant lastReferredAt) {

		public NewContact(String email, String firstName, String lastName, Instant dateAdded) {
			this(email, firstName, lastName, dateAdded, null, null, null, null);
		}

	}

	/**
	 * Inserts the contacts in one statement, in the given order, and answers their ids in
	 * that order.
	 */
	List<Long> importAll(List<NewContact> contacts);

}
