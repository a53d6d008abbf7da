package dev.partnerhub.contacts.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.partnerhub.contacts.ContactGroupFilter;
import dev.partnerhub.support.DayRange;
import dev.partnerhub.support.web.ListParams;
import org.jspecify.annotations.Nullable;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * The contact list's "leads" filter ({@code ?referred=yes&from=&to=&program=}): contacts
 * a partner referred first, added on these UTC days (both inclusive), whose first
 * referrer is in the program — what the dashboard counts as leads. Expressed as a
 * membership predicate over {@code c.id} so it combines with a group and value columns.
 */
record ReferredFilter(boolean referred, @Nullable LocalDate from, @Nullable LocalDate to, @Nullable Long program) {

	static ReferredFilter of(ContactListParams params, List<String> problems) {
		boolean referred = ListParams.yes("Referred", params.referred(), problems);
		Long program = ListParams.program(params.program(), problems);
		return new ReferredFilter(referred || program != null, ListParams.date("From", params.from(), problems),
				ListParams.date("To", params.to(), problems), program);
	}

	public boolean active() {
		return this.referred || this.from != null || this.to != null;
	}

	/** The conditions as one predicate; empty when none is set. */
	Optional<ContactGroupFilter.Predicate> predicate() {
		List<String> conditions = new ArrayList<>();
		Map<String, Object> params = new HashMap<>();
		if (this.referred) {
			conditions.add("c.first_referrer_id is not null");
		}
		if (this.from != null) {
			conditions.add("c.date_added >= :addedFrom");
			params.put("addedFrom", DayRange.startTimestamp(this.from));
		}
		if (this.to != null) {
			conditions.add("c.date_added < :addedTo");
			params.put("addedTo", DayRange.endExclusiveTimestamp(this.to));
		}
		if (this.program != null) {
			// the first referrer's program, read through the view partners publishes
			conditions.add("c.first_referrer_id in (select rp.id from partner_directory rp"
					+ " where rp.program_id = :referrerProgram)");
			params.put("referrerProgram", this.program);
		}
		return conditions.isEmpty() ? Optional.empty()
				: Optional.of(new ContactGroupFilter.Predicate(String.join(" and ", conditions), params));
	}

	/** Both predicates must hold. */
	static Optional<ContactGroupFilter.Predicate> and(Optional<ContactGroupFilter.Predicate> a,
			Optional<ContactGroupFilter.Predicate> b) {
		if (a.isEmpty() || b.isEmpty()) {
			return a.isPresent() ? a : b;
		}
		Map<String, Object> params = new HashMap<>(a.get().params());
		params.putAll(b.get().params());
		return Optional
			.of(new ContactGroupFilter.Predicate("(" + a.get().sql() + ") and (" + b.get().sql() + ")", params));
	}

	void addTo(UriComponentsBuilder base) {
		if (this.referred && this.program == null) {
			base.queryParam("referred", "yes");
		}
		if (this.program != null) {
			base.queryParam("program", this.program);
		}
		if (this.from != null) {
			base.queryParam("from", this.from);
		}
		if (this.to != null) {
			base.queryParam("to", this.to);
		}
	}

}
