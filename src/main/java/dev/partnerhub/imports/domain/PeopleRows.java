package dev.partnerhub.imports.domain;

import java.util.Locale;
import java.util.Optional;

import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.contacts.ContactSummary;
import dev.partnerhub.partners.PartnerApi;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.PayoutEmail;
import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;

import org.springframework.stereotype.Component;

/**
 * Contact and partner rows of an import: matched by e-mail and code, created through
 * their modules.
 */
@Component
class PeopleRows {

	private final ContactApi contacts;

	private final PartnerApi partners;

	private final ProgramApi programs;

	PeopleRows(ContactApi contacts, PartnerApi partners, ProgramApi programs) {
		this.contacts = contacts;
		this.partners = partners;
		this.programs = programs;
	}

	CsvImports.RowResult contact(Columns c, CsvTable.Row row, Seen seen, boolean apply) {
		String email = row.get(c.get("email"));
		String first = row.get(c.get("first_name"));
		String last = row.get(c.get("last_name"));
		String problem = RowChecks.checkEmail("e-mail", email, true);
		if (problem == null) {
			problem = RowChecks.checkLength(first, last);
		}
		if (problem == null) {
			problem = seen.duplicate("email", email.toLowerCase(Locale.ROOT), row.line());
		}
		if (problem != null) {
			return RowChecks.error(row, problem);
		}
		String summary = email + (first.isEmpty() && last.isEmpty() ? "" : " (" + (first + " " + last).strip() + ")");
		if (this.contacts.findByEmail(email).isPresent()) {
			return new CsvImports.RowResult(row.line(), CsvImports.Action.EXISTS, summary, null);
		}
		if (apply) {
			this.contacts.create(email, first, last);
		}
		return new CsvImports.RowResult(row.line(), CsvImports.Action.CREATE, summary, null);
	}

	CsvImports.RowResult partner(Columns c, CsvTable.Row row, Seen seen, boolean apply) {
		return partner(c, row, seen, apply, false);
	}

	/**
	 * {@code invite}: a partner this row creates approved gets his invitation e-mail (in
	 * the row's transaction).
	 */
	CsvImports.RowResult partner(Columns c, CsvTable.Row row, Seen seen, boolean apply, boolean invite) {
		String email = row.get(c.get("email"));
		String first = row.get(c.get("first_name"));
		String last = row.get(c.get("last_name"));
		String programName = row.get(c.get("program"));
		String code = row.get(c.get("code"));
		String statusText = row.get(c.get("status"));
		String payoutEmail = row.get(c.get("payout_email"));
		String parentCode = row.get(c.get("parent_code"));
		String problem = RowChecks.checkEmail("e-mail", email, true);
		if (problem == null) {
			problem = RowChecks.checkLength(first, last);
		}
		if (problem == null && !payoutEmail.isEmpty()) {
			problem = RowChecks.checkEmail("payout e-mail", payoutEmail, false);
		}
		if (problem == null && PayoutEmail.Check.refused(payoutEmail)) {
			problem = "'" + RowChecks.shorten(payoutEmail) + "': " + PayoutEmail.MESSAGE;
		}
		if (problem == null && !code.isEmpty() && !RowChecks.CODE.matcher(code).matches()) {
			problem = "Code '" + RowChecks.shorten(code) + "' must be 3-40 letters, digits, '-' or '_'.";
		}
		if (problem != null) {
			return RowChecks.error(row, problem);
		}
		if (programName.isEmpty()) {
			return RowChecks.error(row, "Program is missing.");
		}
		Optional<ProgramSummary> program = this.programs.findProgramByName(programName);
		if (program.isEmpty()) {
			return RowChecks.error(row, "Unknown program '" + RowChecks.shorten(programName) + "'.");
		}
		PartnerStatus status = PartnerStatus.APPROVED;
		if (!statusText.isEmpty()) {
			try {
				status = PartnerStatus.valueOf(statusText.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				return RowChecks.error(row,
						"Status '" + RowChecks.shorten(statusText) + "' is not pending, approved or suspended.");
			}
		}
		problem = seen.duplicate("email", email.toLowerCase(Locale.ROOT), row.line());
		if (problem == null && !code.isEmpty()) {
			problem = seen.duplicate("code", code.toLowerCase(Locale.ROOT), row.line());
		}
		if (problem != null) {
			return RowChecks.error(row, problem);
		}
		String summary = (code.isEmpty() ? "(code generated)" : code) + " · " + email + " · " + program.get().name();
		Optional<ContactSummary> contact = this.contacts.findByEmail(email);
		Optional<PartnerSummary> byCode = code.isEmpty() ? Optional.empty() : this.partners.findByCode(code);
		Optional<PartnerSummary> byContact = contact.flatMap(x -> this.partners.findByContactId(x.id()));
		if (byCode.isPresent()) {
			if (contact.isEmpty() || byCode.get().contactId() != contact.get().id()) {
				return RowChecks.error(row, "Code '" + code + "' belongs to another partner.");
			}
			return new CsvImports.RowResult(row.line(), CsvImports.Action.EXISTS, summary, null);
		}
		if (byContact.isPresent()) {
			if (code.isEmpty()) {
				return new CsvImports.RowResult(row.line(), CsvImports.Action.EXISTS, summary, null);
			}
			return RowChecks.error(row, email + " is already a partner with code '" + byContact.get().code() + "'.");
		}
		Long parentId = null;
		if (!parentCode.isEmpty()) {
			Optional<PartnerSummary> parent = this.partners.findByCode(parentCode);
			if (parent.isEmpty() && !(seen.has("code", parentCode.toLowerCase(Locale.ROOT)) && !apply)) {
				return RowChecks.error(row, "Unknown parent code '" + RowChecks.shorten(parentCode) + "'.");
			}
			parentId = parent.map(PartnerSummary::id).orElse(null);
		}
		boolean invited = false;
		if (apply) {
			try {
				long contactId = contact.isPresent() ? contact.get().id()
						: this.contacts.create(email, first, last).id();
				PartnerSummary created = this.partners.enroll(contactId, program.get().id(),
						code.isEmpty() ? null : code, status, parentId, payoutEmail.isEmpty() ? null : payoutEmail);
				invited = invite && this.partners.inviteIfApproved(created.id());
			}
			catch (ConflictException | InvalidInputException ex) {
				throw new IllegalStateException(ex.getMessage(), ex);
			}
		}
		return new CsvImports.RowResult(row.line(), CsvImports.Action.CREATE, summary, null, invited);
	}

}
