package dev.partnerhub.partnercenter.domain;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.partnerhub.accounts.AccountApi;
import dev.partnerhub.audit.Actor;
import dev.partnerhub.audit.AuditEntry;
import dev.partnerhub.audit.AuditLog;
import dev.partnerhub.audit.Changes;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.partners.PartnerApi;
import dev.partnerhub.support.InvalidInputException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A partner's own settings: payout (PayPal) e-mail, name and password. Every change is
 * audited with the partner as actor in the same transaction as the change; a save that
 * changes nothing writes nothing.
 */
@Service
@Transactional
public class PartnerProfile {

	private final PartnerApi partners;

	private final ContactApi contacts;

	private final AccountApi accounts;

	private final AuditLog audit;

	PartnerProfile(PartnerApi partners, ContactApi contacts, AccountApi accounts, AuditLog audit) {
		this.partners = partners;
		this.contacts = contacts;
		this.accounts = accounts;
		this.audit = audit;
	}

	/** Returns whether anything changed. */
	public boolean update(PartnerCenterQueries.Me me, String payoutEmail, String firstName, String lastName) {
		String payout = blank(payoutEmail) ? null : payoutEmail.strip();
		boolean changed = false;
		Changes payoutChange = Changes.between(mapOf("payoutEmail", me.payoutEmail()), mapOf("payoutEmail", payout));
		if (!payoutChange.isEmpty()) {
			this.partners.changePayoutEmail(me.partnerId(), payout);
			this.audit.record(
					AuditEntry
						.of(Actor.current(), "partner.payout-email", "partner", me.partnerId(), payoutChange.before(),
								payoutChange.after())
						.withDetail("changed by the partner in the partner center"));
			changed = true;
		}
		Map<String, Object> before = new LinkedHashMap<>();
		before.put("firstName", me.firstName());
		before.put("lastName", me.lastName());
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("firstName", firstName.strip());
		after.put("lastName", lastName.strip());
		Changes nameChange = Changes.between(before, after);
		if (!nameChange.isEmpty()) {
			this.contacts.upsert(me.email(), firstName.strip(), lastName.strip());
			this.audit.record(AuditEntry
				.of(Actor.current(), "partner.name", "partner", me.partnerId(), nameChange.before(), nameChange.after())
				.withDetail("changed by the partner in the partner center"));
			changed = true;
		}
		return changed;
	}

	/** False when the current password is wrong (nothing changes, nothing is audited). */
	public boolean changePassword(PartnerCenterQueries.Me me, String loginEmail, String current, String next) {
		if (next == null || next.length() < 10) {
			throw new InvalidInputException("newPassword", "The new password must have at least 10 characters.");
		}
		if (!this.accounts.changePassword(loginEmail, current, next)) {
			return false;
		}
		this.audit.record(AuditEntry.of(Actor.current(), "partner.password", "partner", me.partnerId(), null, null)
			.withDetail("password changed by the partner in the partner center"));
		return true;
	}

	private static Map<String, Object> mapOf(String key, Object value) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put(key, value);
		return map;
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
