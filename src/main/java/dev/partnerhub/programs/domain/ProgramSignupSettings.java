package dev.partnerhub.programs.domain;

import dev.partnerhub.audit.Actor;
import dev.partnerhub.audit.AuditEntry;
import dev.partnerhub.audit.AuditLog;
import dev.partnerhub.programs.SignupSettings;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Column {@code program.auto_approve_partners} (V11_1), kept apart from the program
 * definition form's record.
 */
@Service
@Transactional
class ProgramSignupSettings implements SignupSettings {

	private final JdbcClient jdbc;

	private final AuditLog audit;

	ProgramSignupSettings(JdbcClient jdbc, AuditLog audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	@Override
	@Transactional(readOnly = true)
	public boolean autoApprovesPartners(long programId) {
		return this.jdbc.sql("select auto_approve_partners from program where id = :id")
			.param("id", programId)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	@Override
	public void setAutoApprovePartners(long programId, boolean autoApprove) {
		int changed = this.jdbc.sql("""
				update program set auto_approve_partners = :value where id = :id and auto_approve_partners <> :value
				""").param("value", autoApprove).param("id", programId).update();
		if (changed > 0) {
			this.audit.record(AuditEntry.of(Actor.current(), "program.update", "program", programId,
					"autoApprovePartners=" + !autoApprove, "autoApprovePartners=" + autoApprove));
		}
	}

}
