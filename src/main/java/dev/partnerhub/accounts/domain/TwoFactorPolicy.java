package dev.partnerhub.accounts.domain;

import java.time.Clock;

import dev.partnerhub.audit.AuditEntry;
import dev.partnerhub.audit.AuditLog;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The owner's rule "two-factor sign-in for all admin users" (one row). Enforced at
 * sign-in and on every console request of an open session
 * ({@code security.TwoFactorSignIn}).
 */
@Service
@Transactional
public class TwoFactorPolicy {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AuditLog audit;

	TwoFactorPolicy(JdbcClient jdbc, Clock clock, AuditLog audit) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.audit = audit;
	}

	/** The owner's rule: every admin user must sign in with a second factor. */
	@Transactional(readOnly = true)
	public boolean requiredForAdmins() {
		return this.jdbc.sql("select required_for_admins from two_factor_policy")
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	public void requireForAdmins(boolean required, String actor) {
		boolean before = requiredForAdmins();
		if (before == required) {
			return;
		}
		this.jdbc
			.sql("update two_factor_policy set required_for_admins = :required, changed_at = :now, changed_by = :actor")
			.param("required", required)
			.param("now", java.sql.Timestamp.from(this.clock.instant()))
			.param("actor", actor)
			.update();
		this.audit.record(AuditEntry.of(actor, "settings.two_factor", "settings", "two-factor",
				"requiredForAdmins=" + before, "requiredForAdmins=" + required));
	}

}
